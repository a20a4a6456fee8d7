// Statement files imported so far, newest first; each can be undone as a
// whole, after a confirmation that says what goes.
import { useState } from 'react';
import type { StatementImportRecord } from '../../../../../preload/contract-imports.js';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { plural } from '../../../format';
import { useStatementImports, useUndoImport } from './useStatements';

const when = (instant: string) =>
  new Date(instant).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

export function PastImports() {
  const imports = useStatementImports();
  const undo = useUndoImport();
  const [toUndo, setToUndo] = useState<StatementImportRecord | null>(null);
  return (
    <section className="card db-card" aria-labelledby="past-imports-title">
      <h2 id="past-imports-title">Past statement imports</h2>
      {imports.isError && <ErrorMessage error={imports.error} title="Could not list the imports." />}
      {undo.isSuccess && (
        <p className="db-success" role="status">
          Undone: removed {plural(undo.data.removed, 'transaction')}
          {undo.data.accountRemoved ? ` and the account “${undo.data.accountRemoved}”` : ''}.
        </p>
      )}
      {imports.data?.length === 0 && <p className="db-muted">No statement files imported yet.</p>}
      {imports.data && imports.data.length > 0 && (
        <div className="statement-preview__scroll">
          <table className="table statement-rows" aria-label="Past statement imports">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">File</th>
                <th scope="col">Account</th>
                <th scope="col">Rows</th>
                <th scope="col">
                  <span className="visually-hidden">Undo</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {imports.data.map((i) => (
                <tr key={i.id}>
                  <td className="statement-rows__date">{when(i.createdAt)}</td>
                  <td className="statement-rows__description">
                    {i.fileName} <span className="db-muted">({i.format.toUpperCase()})</span>
                  </td>
                  <td>{i.account ?? '—'}</td>
                  <td>
                    {i.added.toLocaleString('en-GB')} added, {i.duplicates.toLocaleString('en-GB')} already there,{' '}
                    {i.unreadable.length.toLocaleString('en-GB')} unreadable
                  </td>
                  <td className="table__actions">
                    <button
                      type="button"
                      className="button button--danger-quiet"
                      aria-label={`Undo the import of ${i.fileName} (${when(i.createdAt)})`}
                      onClick={() => setToUndo(i)}
                    >
                      Undo
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={toUndo !== null}
        onOpenChange={(open) => !open && setToUndo(null)}
        title="Undo this import?"
        description={
          toUndo &&
          `The ${plural(toUndo.added, 'transaction')} that ${toUndo.fileName} added are removed, with any changes made to them since${toUndo.account ? `, and the account “${toUndo.account}” if the import made it and nothing else is in it` : ''}.`
        }
        confirmLabel="Undo import"
        onConfirm={() => undo.mutateAsync(toUndo?.id ?? 0)}
      />
    </section>
  );
}
