// A bank's statement file into Spending: dropped or picked, its format found,
// a CSV's columns mapped with the rows read shown as the mapping changes, the
// report of what is new, already there or unreadable, then the import (one
// transaction, with progress and cancel) and what it did.
import { useId, useMemo, useState, type DragEvent } from 'react';
import type { CsvMapping } from '../../../../../main/services/finance/imports/csv-mapping.js';
import type { IMPORT_FORMATS } from '../../../../../main/services/finance/imports/parse-statement-file.js';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Field } from '../../../components/Field';
import { plural } from '../../../format';
import { MappingForm } from './MappingForm';
import { PreviewReport } from './PreviewReport';
import {
  readDroppedFile,
  useImportProfiles,
  useImportStatement,
  useStatementPreview,
  type ChosenFile,
} from './useStatements';
import { call } from '../../../api';
import { useAccountList } from '../../../queries';

type Format = (typeof IMPORT_FORMATS)[number];

const FORMATS: { value: Format; label: string }[] = [
  { value: 'auto', label: 'Found from the file' },
  { value: 'csv', label: 'CSV' },
  { value: 'ofx', label: 'OFX / QFX' },
  { value: 'qif', label: 'QIF' },
  { value: 'santander', label: 'Santander download (.xls, .xlsx)' },
];

const FORMAT_NAMES: Record<string, string> = {
  csv: 'CSV',
  ofx: 'OFX',
  qfx: 'QFX',
  qif: 'QIF',
  xls: 'Excel workbook (.xls)',
  xlsx: 'Excel workbook (.xlsx)',
  'santander-html': 'Santander statement (.xls download)',
};

export function StatementCard() {
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [format, setFormat] = useState<Format>('auto');
  const [mapping, setMapping] = useState<CsvMapping>({});
  const [account, setAccount] = useState('');
  const [profile, setProfile] = useState('');
  const [dragging, setDragging] = useState(false);
  const [pickError, setPickError] = useState<unknown>(null);
  const accountsListId = useId();
  const accounts = useAccountList();
  const profiles = useImportProfiles();
  // One object per change, not per render: the preview waits for it to settle.
  const choice = useMemo(
    () => ({
      format,
      ...(Object.keys(mapping).length ? { mapping } : {}),
      ...(account.trim() ? { account: account.trim() } : {}),
    }),
    [format, mapping, account],
  );
  const preview = useStatementPreview(file, choice);
  const run = useImportStatement();
  const running = run.mutation.isPending;

  const choose = (next: ChosenFile) => {
    setFile(next);
    setPickError(null);
    run.mutation.reset();
  };
  const pick = async () => {
    try {
      const { path } = await call('chooseStatementFile', undefined);
      if (path)
        choose({ key: `path:${path}:${Date.now()}`, name: path.split(/[\\/]/).pop() ?? path, source: { path } });
    } catch (error) {
      setPickError(error);
    }
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) readDroppedFile(dropped).then(choose, setPickError);
  };

  const data = preview.data;
  const canImport =
    file !== null && data !== undefined && !data.problem && data.counts.added > 0 && !preview.isFetching;
  const progress = run.progress;
  const result = run.mutation.data;

  return (
    <section className="card db-card" aria-labelledby="statements-title">
      <h2 id="statements-title">Bank statements</h2>
      <p className="db-muted">
        Your bank’s statement files: CSV from any bank, OFX or QFX, QIF, Santander’s .xls download and Excel .xlsx. You
        see what would be added before anything is written, and rows already in Spending are left out.
      </p>
      <div
        className={`statement-drop${dragging ? ' statement-drop--over' : ''}`}
        role="group"
        aria-label="Statement file"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        <p>{file ? <strong className="details__mono">{file.name}</strong> : 'Drop a statement file here, or'}</p>
        <button type="button" className="button" disabled={running} onClick={() => void pick()}>
          {file ? 'Choose another file…' : 'Choose a file…'}
        </button>
      </div>
      {pickError !== null && <ErrorMessage error={pickError} title="The file could not be opened." />}

      {file && (
        <>
          <div className="statement-options">
            <Field
              label="Format"
              hint={
                data
                  ? `Found: ${FORMAT_NAMES[data.format] ?? data.format}${data.encoding ? `, ${data.encoding}` : ''}`
                  : null
              }
            >
              {({ id, describedBy }) => (
                <select
                  id={id}
                  className="input"
                  aria-describedby={describedBy}
                  value={format}
                  disabled={running}
                  onChange={(e) => setFormat(e.target.value as Format)}
                >
                  {FORMATS.map((f) => (
                    <option key={f.value} value={f.value}>
                      {f.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label="Account"
              hint={
                data?.account
                  ? data.account.exists
                    ? 'The rows go into this account.'
                    : 'A new account of this name is made.'
                  : 'Optional: the account these rows belong to.'
              }
            >
              {({ id, describedBy }) => (
                <>
                  <input
                    id={id}
                    className="input"
                    list={accountsListId}
                    aria-describedby={describedBy}
                    value={account}
                    disabled={running}
                    placeholder="e.g. Santander current"
                    onChange={(e) => setAccount(e.target.value)}
                  />
                  <datalist id={accountsListId}>
                    {accounts.data?.map((a) => (
                      <option key={a.id} value={a.name} />
                    ))}
                  </datalist>
                </>
              )}
            </Field>
            {data?.table && (profiles.data?.length ?? 0) > 0 && (
              <Field label="Saved mapping">
                {({ id }) => (
                  <select
                    id={id}
                    className="input"
                    value={profile}
                    disabled={running}
                    onChange={(e) => {
                      setProfile(e.target.value);
                      setMapping(profiles.data?.find((p) => p.name === e.target.value)?.mapping ?? {});
                    }}
                  >
                    <option value="">None (columns found from the headers)</option>
                    {profiles.data?.map((p) => (
                      <option key={p.name} value={p.name}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
          </div>

          {preview.isError && <ErrorMessage error={preview.error} title="This file cannot be imported." />}
          {data?.table && <MappingForm table={data.table} mapping={mapping} onChange={setMapping} />}
          {data?.problem && (
            <ErrorMessage
              problem={{ message: data.problem.message, remedy: 'Choose the columns above: the rows read show below.' }}
              title="The columns are not known yet."
            />
          )}
          {data && !data.problem && !preview.isError && <PreviewReport preview={data} />}

          <div className="form__actions">
            <button
              type="button"
              className="button button--primary"
              disabled={!canImport || running}
              onClick={() => run.start({ source: file.source, ...choice })}
            >
              {data && canImport ? `Import ${plural(data.counts.added, 'row')}` : 'Import'}
            </button>
            {preview.isFetching && <span className="db-muted">Reading the file…</span>}
          </div>
        </>
      )}

      {running && (
        <div className="progress-report" role="status" aria-label="Import progress">
          <p className="progress-report__message">
            {progress?.phase === 'writing'
              ? `Importing: ${progress.done.toLocaleString('en-GB')} of ${progress.total.toLocaleString('en-GB')} rows`
              : 'Reading the file…'}
          </p>
          <progress
            className="progress-bar"
            max={progress?.total || 1}
            value={progress?.phase === 'writing' ? progress.done : undefined}
          />
          <button
            type="button"
            className="button"
            disabled={run.cancel.isPending || run.cancel.isSuccess}
            onClick={() => run.runId && run.cancel.mutate(run.runId)}
          >
            {run.cancel.isSuccess ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
      )}
      {run.mutation.isError && <ErrorMessage error={run.mutation.error} title="The import did not finish." />}
      {result && (
        <div className="statement-result" role="status" aria-label="Import result">
          <p>
            <strong>Imported {result.fileName}:</strong> added {plural(result.added, 'transaction')},{' '}
            {result.duplicates.toLocaleString('en-GB')} already there,{' '}
            {plural(result.unreadable.length, 'unreadable row')}.
          </p>
          <p className="db-muted">You can undo it below, under Past statement imports.</p>
        </div>
      )}
    </section>
  );
}
