// What the import did, by LEGACY.md's rule 3 (every row imported as is,
// imported with a recorded fix, or quarantined): per table, then the rows and
// fields themselves with CSV exports, what was kept as JSON, bank tokens that
// could not be re-encrypted, and where the copy of the old database and the
// CSV files of its quarantined rows and fixed fields are.
import type { LegacyImportResult } from '../../../../preload/contract-database.js';
import { plural } from '../../format';
import { formatDuration } from '../database/format';
import { formatRate, tableLabel } from '../database/move/format';
import { ChecksReport, TablesReport } from '../database/move/ReportStep';
import { ReportSection, ReportTable } from '../database/move/ReportTable';
import { RowIssues } from '../database/move/RowIssues';

interface Props {
  /** The source as shown (without a password); the result's own `from` is the URL as sent. */
  source: string;
  result: LegacyImportResult;
}

export function ImportReport({ source, result }: Props) {
  if (result.alreadyDone)
    return (
      <div className="move-step" role="group" aria-label="Import report">
        <div className="move-summary" role="status">
          <p className="move-step__title">Already imported; nothing was written.</p>
          <p>
            The store in use already holds the data of <span className="details__mono">{source}</span>, from an earlier
            import.
          </p>
        </div>
      </div>
    );

  const tables = Object.entries(result.tables);
  // The report lists every table Spending knows; those with nothing in the old database only say so.
  const withRows = Object.fromEntries(tables.filter(([, table]) => table.read > 0));
  const empty = tables.filter(([, table]) => table.read === 0).map(([name]) => tableLabel(name));
  const transactions = result.tables.transactions;
  const quarantined = tables.reduce((n, [, table]) => n + table.rejected, 0);

  return (
    <div className="move-step" role="group" aria-label="Import report">
      <div className="move-summary" role="status">
        <p className="move-step__title">Imported and checked</p>
        <p>
          {transactions ? `${plural(transactions.written, 'transaction')} imported` : 'Imported'} from{' '}
          <span className="details__mono">{source}</span>: {plural(result.rows, 'row')} read in{' '}
          {formatDuration(result.ms)} ({formatRate(result.rowsPerSecond)}), {quarantined.toLocaleString('en-GB')}{' '}
          quarantined, {plural(result.fixes.length, 'field')} fixed. The money adds up to the penny and every table’s
          checksum matched before anything was kept.
        </p>
        <p className="db-muted">
          The store in use was backed up first; the backup is listed on the Database page.
          {result.backupPath ? ' The old database was only read, and copied to:' : ' The old database was only read.'}
        </p>
        {result.backupPath && <p className="details__mono import-backup-path">{result.backupPath}</p>}
        {result.rejectsCsv && (
          <>
            <p className="db-muted">The quarantined rows and fixed fields, with their original values, are also in:</p>
            <p className="details__mono import-backup-path">
              {result.rejectsCsv}
              <br />
              {result.fixesCsv}
            </p>
          </>
        )}
      </div>

      <TablesReport tables={withRows} label="Tables imported" rejected="Quarantined" />
      {empty.length > 0 && <p className="db-muted">Nothing to import in: {empty.join(', ')}.</p>}
      {result.checks.length > 0 && <ChecksReport checks={result.checks} />}
      <RowIssues rejects={result.rejects} fixes={result.fixes} of="import" />
      <ExtrasReport extras={result.extras} />
      {result.tokenProblems.length > 0 && <TokenProblems problems={result.tokenProblems} />}
    </div>
  );
}

function ExtrasReport({ extras }: { extras: LegacyImportResult['extras'] }) {
  return (
    <ReportSection id="import-extras-title" title="Kept as JSON">
      {extras.length === 0 ? (
        <p>Every column and table of the old database has a place in Spending.</p>
      ) : (
        <>
          <p className="db-muted">
            Spending has no place for these, so it kept them as they were, as JSON alongside the imported rows: nothing
            is lost.
          </p>
          <ReportTable label="Kept as JSON" columns={['Table', { heading: 'Rows', amount: true }, 'Columns']}>
            {extras.map((extra) => (
              <tr key={extra.table}>
                <th scope="row" className="details__mono">
                  {extra.table}
                </th>
                <td className="amount">{extra.rows.toLocaleString('en-GB')}</td>
                <td className="details__mono import-columns">{extra.columns.join(', ')}</td>
              </tr>
            ))}
          </ReportTable>
        </>
      )}
    </ReportSection>
  );
}

function TokenProblems({ problems }: { problems: LegacyImportResult['tokenProblems'] }) {
  return (
    <ReportSection id="import-tokens-title" title="Bank tokens that could not be read">
      <p className="db-muted">
        They were kept as they were. If the old .env was not imported first (step 1), or its ENCRYPTION_KEY was not the
        one that encrypted them, reconnect these banks.
      </p>
      <ReportTable label="Bank tokens that could not be read" columns={['Connection', 'Token', 'Reason']}>
        {problems.map((problem) => (
          <tr key={`${problem.id}-${problem.column}`}>
            <td className="tabular">{problem.id}</td>
            <td className="details__mono">{problem.column}</td>
            <td>{problem.reason}</td>
          </tr>
        ))}
      </ReportTable>
    </ReportSection>
  );
}
