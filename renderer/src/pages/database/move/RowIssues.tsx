// Rows the move rejected or changed on the way, and CSV exports of both.
// A move between Spending's own stores copies every row as it is, so these
// are normally empty; the exports still work then (a header only), as a
// record that nothing was lost. The import of the old app's data shows its
// quarantined rows and fixed fields the same way, in LEGACY.md's words.
import { format } from 'date-fns';
import { useId } from 'react';
import type { MoveResult } from '../../../../../preload/contract-database.js';
import { toCsv, type CsvValue } from '../../../../../db/csv.js';
import { downloadCsv } from './csv';
import { ReportSection, ReportTable } from './ReportTable';
import { formatCount } from '../../../format';

/** Enough to see what kind of problem it is; the CSV has every row. */
const SHOWN = 100;

interface Props {
  rejects: MoveResult['rejects'];
  fixes: MoveResult['fixes'];
  /** Whose report this is: it decides the wording and the files' names. */
  of?: 'move' | 'import';
}

interface Wording {
  heading: string;
  none: string;
  rejected: { title: string; slug: string };
  changed: { title: string; slug: string };
}

const WORDING: Record<NonNullable<Props['of']>, Wording> = {
  move: {
    heading: 'Rejected and changed rows',
    none: 'No rows were rejected or changed.',
    rejected: { title: 'Rejected rows', slug: 'rejected-rows' },
    changed: { title: 'Changed rows', slug: 'changed-rows' },
  },
  import: {
    heading: 'Quarantined rows and fixed fields',
    none: 'No rows were quarantined and no fields fixed.',
    rejected: { title: 'Quarantined rows', slug: 'quarantined-rows' },
    changed: { title: 'Fixed fields', slug: 'fixed-fields' },
  },
};

/** One list as shown and as exported: the same columns in the same order. */
interface Issues {
  title: string;
  /** For the file name. */
  slug: string;
  header: string[];
  rows: CsvValue[][];
}

export function RowIssues({ rejects, fixes, of = 'move' }: Props) {
  const wording = WORDING[of];
  const headingId = useId();
  const lists: Issues[] = [
    {
      ...wording.rejected,
      header: ['table', 'id', 'reason'],
      rows: rejects.map((r) => [r.table, r.id, r.reason]),
    },
    {
      ...wording.changed,
      header: ['table', 'id', 'column', 'original', 'reason'],
      rows: fixes.map((f) => [f.table, f.id, f.column, f.original, f.reason]),
    },
  ];
  return (
    <ReportSection id={headingId} title={wording.heading}>
      {lists.every((list) => list.rows.length === 0) ? (
        <p>{wording.none}</p>
      ) : (
        lists.map((list) => list.rows.length > 0 && <IssueTable key={list.slug} issues={list} />)
      )}
      <div className="form__actions">
        {lists.map((list) => (
          <button
            key={list.slug}
            type="button"
            className="button button--small"
            onClick={() =>
              downloadCsv(
                `spending-${of}-${list.slug}-${format(new Date(), 'yyyyMMdd-HHmmss')}.csv`,
                toCsv(list.header, list.rows),
              )
            }
          >
            Export {list.title.toLowerCase()} (CSV)
          </button>
        ))}
      </div>
    </ReportSection>
  );
}

function IssueTable({ issues }: { issues: Issues }) {
  const { title, header, rows } = issues;
  return (
    <ReportTable
      caption={
        <>
          {title} ({formatCount(rows.length)}
          {rows.length > SHOWN ? `; the first ${SHOWN} shown, the CSV has them all` : ''})
        </>
      }
      columns={header}
    >
      {rows.slice(0, SHOWN).map((row, index) => (
        // Rows have no key of their own: one id can be rejected or changed more than once.
        <tr key={index}>
          {row.map((value, column) => (
            <td key={column}>{value ?? '—'}</td>
          ))}
        </tr>
      ))}
    </ReportTable>
  );
}
