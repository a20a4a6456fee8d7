// Step 4: what the move proved, table by table (read, written, rejected,
// fixed, time, checksum) and by the old migration guide's checks, then the
// choice to switch. Spending keeps using the old store until the user says.
import type { MoveResult } from '../../../../../preload/contract-database.js';
import { ApiError } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { formatCount, plural } from '../../../format';
import { formatDuration, TRIGGER_LABELS } from '../format';
import { capitalise, formatRate, storeName } from './format';
import { ReportTable } from './ReportTable';
import { RowIssues } from './RowIssues';
import type { Step } from './wizard-state';

type Report = Extract<Step, { name: 'report' }>;

interface Props {
  step: Report;
  onSwitch: () => void;
  onRunAgain: () => void;
  onClose: () => void;
}

function Verdict({ match }: { match: boolean }) {
  return (
    <span className={match ? 'move-verdict move-verdict--ok' : 'move-verdict'}>{match ? '✓ Match' : '✗ Differs'}</span>
  );
}

export function ReportStep({ step, onSwitch, onRunAgain, onClose }: Props) {
  const { result, move, switching, switchError } = step;
  const from = storeName(move.from);
  const to = storeName(result.destination);
  const transactions = result.tables.transactions?.read ?? move.plan.transactions;
  const changedSince = switchError instanceof ApiError && switchError.code === 'conflict';
  return (
    <div className="move-step" role="group" aria-label="Move report">
      <div className="move-summary" role="status">
        <p className="move-step__title">{result.alreadyDone ? 'Already there, and verified' : 'Moved and verified'}</p>
        {result.alreadyDone ? (
          <p>
            {capitalise(to)} already held exactly the data in {from}, {plural(transactions, 'transaction')}; nothing was
            copied.
          </p>
        ) : (
          <p>
            Copied {plural(result.rows, 'row')} ({plural(transactions, 'transaction')}) from {from} to {to} in{' '}
            {formatDuration(result.ms)}, {formatRate(result.rowsPerSecond)}. Every table’s row count and checksum
            matched before anything was kept.
          </p>
        )}
        <p className="db-muted">
          The store in use was backed up first; the backup is listed under Backups as “{TRIGGER_LABELS['before-move']}”.
        </p>
      </div>

      <TablesReport tables={result.tables} label="Tables moved" />
      {result.checks.length > 0 && <ChecksReport checks={result.checks} />}
      <RowIssues rejects={result.rejects} fixes={result.fixes} />

      <div className="move-switch">
        {!changedSince && (
          <p>
            Spending still uses {from}. <strong>Switch now</strong> to work in {to} from now on. Your current store
            stays as it is, so you can move back at any time.
          </p>
        )}
        {switchError !== undefined && <ErrorMessage error={switchError} title="The switch did not go through." />}
        <div className="form__actions">
          <button type="button" className="button" disabled={switching} onClick={onClose}>
            Not now
          </button>
          {changedSince ? (
            <button type="button" className="button button--primary" onClick={onRunAgain}>
              Run the move again
            </button>
          ) : (
            <button
              type="button"
              className="button button--primary"
              disabled={switching || !result.ok}
              onClick={onSwitch}
            >
              {switching ? 'Switching…' : 'Switch now'}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

/** Per table: read, written, rejected, fixed, time and checksum; the Import page's report shows it too. */
export function TablesReport({
  tables,
  label,
  rejected = 'Rejected',
}: {
  tables: MoveResult['tables'];
  label: string;
  /** The rejected column's heading: the import calls its rejected rows quarantined, as LEGACY.md does. */
  rejected?: string;
}) {
  return (
    <ReportTable
      label={label}
      columns={[
        'Table',
        { heading: 'Read', amount: true },
        { heading: 'Written', amount: true },
        { heading: rejected, amount: true },
        { heading: 'Fixed', amount: true },
        { heading: 'Time', amount: true },
        'Checksum',
      ]}
    >
      {Object.entries(tables).map(([name, table]) => (
        <tr key={name}>
          <th scope="row" className="details__mono">
            {name}
          </th>
          <td className="amount">{formatCount(table.read)}</td>
          <td className="amount">{formatCount(table.written)}</td>
          <td className="amount">{formatCount(table.rejected)}</td>
          <td className="amount">{formatCount(table.fixed)}</td>
          <td className="amount">{formatDuration(table.ms)}</td>
          <td>
            <Verdict match={table.checksumMatch} />
          </td>
        </tr>
      ))}
    </ReportTable>
  );
}

/** The values are the same in both stores when they match, so they are shown once. */
export function ChecksReport({ checks }: { checks: MoveResult['checks'] }) {
  return (
    <ReportTable label="Checks" columns={['Check', 'Value', 'Result']}>
      {checks.map((check) => (
        <tr key={check.name}>
          <th scope="row">{check.name}</th>
          <td className="details__mono move-check-value">
            {check.match ? (
              check.source || '—'
            ) : (
              <>
                <span>Old store: {check.source || '—'}</span>
                <span>New store: {check.target || '—'}</span>
              </>
            )}
          </td>
          <td>
            <Verdict match={check.match} />
          </td>
        </tr>
      ))}
    </ReportTable>
  );
}
