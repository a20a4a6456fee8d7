// Step 1: where the data should go. PostgreSQL (run by Spending, with or
// without Docker, or the user's own server) or a SQLite file. Checking the
// move starts a server Spending runs, so the button says so.
import type { UseQueryResult } from '@tanstack/react-query';
import { useId, useState, type SubmitEvent } from 'react';
import type { DatabaseOverview } from '../../../../../preload/contract-database.js';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { InputField } from '../../../components/Field';
import { RadioCards } from '../../../components/RadioCards';
import { ProgressReport } from '../ProgressReport';
import { ProviderPicker } from '../ProviderPicker';
import { PROVIDER_LABELS, useDatabaseProgress, type Provider } from '../useDatabase';
import { CurrentStore } from './CurrentStore';
import type { Destination } from './useMove';
import { checkBlocked, suggestedProvider } from './choose-state';
import type { Choice, StoreSetting } from './wizard-state';

interface Props {
  choice: Choice;
  active: StoreSetting | undefined;
  overview: UseQueryResult<DatabaseOverview>;
  planning: boolean;
  planError: unknown;
  onPlan: (to: Destination, from: StoreSetting) => void;
}

/** The file must be named in full: a relative path would depend on where Spending happened to start. */
const ABSOLUTE = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

export function ChooseStep({ choice, active, overview, planning, planError, onPlan }: Props) {
  const inUse = active?.kind === 'postgres' ? active.provider : null;
  const [target, setTarget] = useState(choice.target);
  const [picked, setPicked] = useState<Provider | null>(choice.provider);
  const provider = picked ?? suggestedProvider(overview.data);
  const [path, setPath] = useState(choice.path);
  const [pathError, setPathError] = useState<string | null>(null);
  const [progress, resetProgress] = useDatabaseProgress('start');
  const blocked = checkBlocked({ active, overviewFailed: overview.isError, target, provider, inUse });
  const blockedId = useId();

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!active) return;
    resetProgress();
    if (target === 'postgres') {
      if (provider) onPlan({ kind: 'postgres', provider }, active);
      return;
    }
    const file = path.trim();
    if (file && !ABSOLUTE.test(file)) {
      setPathError('Enter the full path of the new file, or leave this empty.');
      return;
    }
    setPathError(null);
    onPlan(file ? { kind: 'sqlite', path: file } : { kind: 'sqlite' }, active);
  };

  const targets = [
    {
      value: 'postgres' as const,
      label: 'PostgreSQL',
      hint: 'A database server: Spending runs one for you, or uses yours.',
    },
    {
      value: 'sqlite' as const,
      label: active?.kind === 'postgres' ? 'Back to SQLite' : 'Another SQLite file',
      hint: 'A single new file on this computer, as Spending starts out with.',
    },
  ];

  return (
    <form className="form move-step" aria-label="Where to move your data" onSubmit={submit} noValidate>
      <CurrentStore active={active} overview={overview} />
      <RadioCards
        name="move-target"
        legend="Move it to"
        className="move-targets"
        disabled={planning}
        options={targets}
        value={target}
        onChange={setTarget}
      />

      {target === 'postgres' && (
        <ProviderPicker
          name="move-provider"
          label="PostgreSQL server to move to"
          value={provider}
          inUse={inUse}
          disabled={planning}
          onChange={setPicked}
        />
      )}
      {target === 'sqlite' && (
        <InputField
          label="New file (optional)"
          hint="Leave empty for a new, dated file in Spending’s data folder."
          placeholder="/home/you/Documents/spending.sqlite"
          className="move-path"
          spellCheck={false}
          disabled={planning}
          error={pathError}
          value={path}
          onValueChange={(value) => {
            setPath(value);
            setPathError(null);
          }}
        />
      )}

      {planning && (
        <ProgressReport
          progress={progress}
          label="Checking the move"
          fallback={
            target === 'postgres' && provider && provider !== 'external'
              ? `Starting the ${PROVIDER_LABELS[provider]} server if needed, then counting what there is to move…`
              : 'Counting what there is to move…'
          }
        />
      )}
      {target === 'postgres' && provider && provider !== 'external' && !planning && (
        <p className="field__hint">Checking starts the {PROVIDER_LABELS[provider]} server if it is not running.</p>
      )}
      {Boolean(planError) && <ErrorMessage error={planError} title="Could not check the move." />}
      <div className="form__actions">
        <button
          type="submit"
          className="button button--primary"
          aria-describedby={blocked && !planning ? blockedId : undefined}
          disabled={planning || blocked !== null}
        >
          {planning ? 'Checking…' : 'Check the move'}
        </button>
        {blocked && !planning && (
          <p className="move-blocked" id={blockedId}>
            {blocked}
          </p>
        )}
      </div>
    </form>
  );
}
