// Where the old data is: its finance.db (through the system's file picker) or
// its PostgreSQL database (a URL, and the password apart so it is never on
// screen). The store in use is replaced only after the main process refused
// because it holds other data, and the user then said so in as many words.
import { useState, type SubmitEvent } from 'react';
import { describeError } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InputField } from '../../components/Field';
import { RadioCards } from '../../components/RadioCards';
import { updateChoice, type SourceChoice } from './import-state';
import { isPostgresUrl, sourceOf } from './source';
import { useChooseLegacyFile } from './useImport';

interface Props {
  choice: SourceChoice;
  running: boolean;
  /** The main process's refusal to import into a store that holds other data; null otherwise. */
  refusal: unknown;
  onImport: (replace: boolean) => void;
}

const KINDS = [
  {
    value: 'file' as const,
    label: 'The old app’s finance.db',
    hint: 'The SQLite file, usually in the old app’s backend folder.',
  },
  {
    value: 'postgres' as const,
    label: 'Its PostgreSQL database',
    hint: 'If you had moved the old app to PostgreSQL (spending_db).',
  },
];

export function SourceForm({ choice, running, refusal, onImport }: Props) {
  const choose = useChooseLegacyFile();
  const [urlError, setUrlError] = useState<string | null>(null);
  const [replace, setReplace] = useState(false);
  const refused = refusal !== null;
  // A URL is checked when submitted, so the button can say what is wrong with it.
  const filled = choice.kind === 'file' ? choice.path !== '' : choice.url.trim() !== '';

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (choice.kind === 'postgres' && !isPostgresUrl(choice.url)) {
      setUrlError('Enter a URL that starts with postgres://, e.g. postgres://spending_user@localhost:5433/spending_db');
      return;
    }
    if (sourceOf(choice) === null || (refused && !replace)) return;
    onImport(refused && replace);
    setReplace(false);
  };

  return (
    <form className="form import-source" aria-label="Where the old data is" onSubmit={submit} noValidate>
      <RadioCards
        name="import-kind"
        legend="Import from"
        className="import-kinds"
        disabled={running}
        options={KINDS}
        value={choice.kind}
        onChange={(kind) => updateChoice({ kind })}
      />

      {choice.kind === 'file' ? (
        <div className="import-file">
          <button
            type="button"
            className="button"
            disabled={running || choose.isPending}
            onClick={() => choose.mutate()}
          >
            Choose finance.db…
          </button>
          {choice.path ? (
            <span className="details__mono import-file__path" aria-label="Chosen file">
              {choice.path}
            </span>
          ) : (
            <span className="db-muted">No file chosen yet.</span>
          )}
        </div>
      ) : (
        <div className="import-postgres">
          <InputField
            label="Database URL"
            hint="The old .env names it: POSTGRES_USER, POSTGRES_HOST, POSTGRES_PORT and POSTGRES_DB. Importing the .env fills it in."
            placeholder="postgres://spending_user@localhost:5433/spending_db"
            className="import-url"
            spellCheck={false}
            autoComplete="off"
            disabled={running}
            error={urlError}
            value={choice.url}
            onValueChange={(url) => {
              updateChoice({ url });
              setUrlError(null);
            }}
          />
          <InputField
            label="Password"
            hint="The old .env’s POSTGRES_PASSWORD. It goes only to Spending’s main process, never into the report."
            type="password"
            autoComplete="off"
            disabled={running}
            value={choice.password}
            onValueChange={(password) => updateChoice({ password })}
          />
        </div>
      )}
      {choose.isError && <ErrorMessage error={choose.error} title="Could not open the file picker." />}

      {refused && (
        <div className="move-warning" role="alert">
          <p className="move-warning__title">{describeError(refusal).message}</p>
          <p>
            Importing can replace everything in the store in use with the old app’s data. Spending backs up the store in
            use first; the backups are listed on the Database page.
          </p>
          <label className="checkbox">
            <input type="checkbox" checked={replace} onChange={(event) => setReplace(event.target.checked)} />
            Replace what is in the store in use (it is backed up first)
          </label>
        </div>
      )}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={running || !filled || (refused && !replace)}>
          {running ? 'Importing…' : refused ? 'Import again' : 'Import'}
        </button>
      </div>
    </form>
  );
}
