// Step 2: the old app's data into the store in use. The form stays in view
// throughout (disabled while the import runs), with what happened below it:
// the progress, then the report, or why nothing was written.
import { useOverview } from '../database/useDatabase';
import { CurrentStore } from '../database/move/CurrentStore';
import { describeSource, sourceOf } from './source';
import { ImportProgress, ImportStopped } from './ImportProgress';
import { ImportReport } from './ImportReport';
import { ImportRules } from './ImportRules';
import { updateImport, useImportState, workId } from './import-state';
import { SourceForm } from './SourceForm';
import { needsReplace, useCancelImport, useImportLegacy } from './useImport';

export function DataCard() {
  const { choice, step } = useImportState();
  const overview = useOverview(null);
  const importLegacy = useImportLegacy();
  const cancel = useCancelImport();
  const refused = step.name === 'stopped' && !step.replace && needsReplace(step.error);

  const start = (replace: boolean) => {
    const source = sourceOf(choice);
    if (!source) return;
    const id = workId();
    updateImport((current) => ({
      ...current,
      step: { name: 'running', id, source: describeSource(choice), progress: null, cancelling: false },
    }));
    importLegacy.mutate({ id, source, replace });
  };

  return (
    <section className="card db-card" aria-labelledby="import-data-title">
      <h2 id="import-data-title">
        <span className="import-step-number" aria-hidden>
          2
        </span>
        Bring your data
      </h2>
      <ImportRules />
      <CurrentStore active={overview.data?.active} overview={overview} />
      <SourceForm
        choice={choice}
        running={step.name === 'running'}
        refusal={refused ? step.error : null}
        onImport={start}
      />
      {step.name === 'running' && <ImportProgress step={step} onCancel={() => cancel.mutate(step.id)} />}
      {step.name === 'stopped' && !refused && <ImportStopped step={step} />}
      {step.name === 'report' && <ImportReport source={step.source} result={step.result} />}
    </section>
  );
}
