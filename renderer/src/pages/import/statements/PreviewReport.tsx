// What the import would do, before anything is written: how many rows are
// new, already in Spending (and why) or unreadable (and why), and the first
// rows as the mapping reads them.
import { formatPence } from '../../../../../db/money.js';
import type { StatementPreview } from '../../../../../preload/contract-imports.js';
import { formatDate, plural } from '../../../format';

export function PreviewReport({ preview }: { preview: StatementPreview }) {
  const { counts } = preview;
  return (
    <section className="statement-preview" aria-label="Preview">
      <p className="statement-preview__counts" role="status">
        <strong>{plural(counts.added, 'new row')}</strong> to add · {plural(counts.duplicates, 'row')} already in
        Spending · {plural(counts.unreadable, 'unreadable row')}
      </p>
      {preview.sameFile.length > 0 && (
        <p className="db-muted">
          This very file was imported before (import {preview.sameFile.join(', ')}); rows already there are left out.
        </p>
      )}
      {preview.warnings.map((w) => (
        <p key={w} className="db-muted">
          {w}
        </p>
      ))}
      {preview.rows.length > 0 && (
        <div className="statement-preview__scroll">
          <table className="table statement-rows" aria-label="Rows read from the file">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Date</th>
                <th scope="col">Description</th>
                <th scope="col" className="statement-rows__amount">
                  Amount
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.line} className={r.duplicate ? 'statement-rows__duplicate' : undefined}>
                  <td>{r.line}</td>
                  <td className="statement-rows__date">{formatDate(r.date)}</td>
                  <td className="statement-rows__description">{r.description}</td>
                  <td className="statement-rows__amount">{formatPence(r.amountPence)}</td>
                  <td className="statement-rows__status">
                    {r.duplicate ? (
                      <>
                        Already there <span className="statement-rows__why">by {r.duplicate}</span>
                      </>
                    ) : (
                      'New'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {preview.rows.length < counts.added + counts.duplicates && (
        <p className="db-muted">
          The first {preview.rows.length} of {plural(counts.added + counts.duplicates, 'row')}.
        </p>
      )}
      {preview.unreadable.length > 0 && (
        <div className="statement-unreadable">
          <h3>Unreadable rows (left out, listed in the import’s record)</h3>
          <ul>
            {preview.unreadable.map((u) => (
              <li key={u.line}>
                Line {u.line}: {u.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
