// "Move your data": everything between SQLite and PostgreSQL, either way, as
// a guided sequence: pick the target, check it, move (backed up first,
// verified before anything is kept), read the report, then switch. The store
// in use stays as it is throughout, so moving back is the same move again.
import type { UseQueryResult } from '@tanstack/react-query';
import type { DatabaseOverview } from '../../../../../preload/contract-database.js';
import { ChooseStep } from './ChooseStep';
import { PreflightStep } from './PreflightStep';
import { ReportStep } from './ReportStep';
import { RunStep, StoppedStep } from './RunStep';
import { StepList } from './StepList';
import { SwitchedStep } from './SwitchedStep';
import { useCancelMove, useMoveProgress, usePlanMove, useStartMove, useSwitchStore, type Destination } from './useMove';
import { setStep, updateWizard, useWizard, workId, type Planned, type StoreSetting } from './wizard-state';
import './move.css';

/** Where a checked move went, as planMove takes it: to check the same target again. */
function destinationOf(setting: StoreSetting): Destination {
  return setting.kind === 'sqlite' ? { kind: 'sqlite', path: setting.path } : setting;
}

export function MoveCard({ overview }: { overview: UseQueryResult<DatabaseOverview> }) {
  const { choice, step } = useWizard();
  useMoveProgress();
  const planMove = usePlanMove();
  const startMove = useStartMove();
  const cancelMove = useCancelMove();
  const switchStore = useSwitchStore();
  const active = overview.data?.active;

  const plan = (to: Destination, from: StoreSetting) => {
    const id = workId();
    updateWizard((wizard) => ({
      choice:
        to.kind === 'sqlite'
          ? { ...wizard.choice, target: 'sqlite', path: to.path ?? '' }
          : { ...wizard.choice, target: 'postgres', provider: to.provider },
      step: { name: 'planning', id },
    }));
    planMove.mutate({ to, from, id });
  };
  const checkAgain = (move: Planned) => plan(destinationOf(move.plan.destination), move.from);
  const start = (move: Planned, replace: boolean) => {
    const id = workId();
    setStep({ name: 'running', id, move, progress: null, cancelling: false });
    startMove.mutate({ move, replace, id });
  };
  const startOver = () => setStep({ name: 'choose' });

  return (
    <section className="card db-card move-card" aria-labelledby="move-title">
      <div className="db-card__header">
        <h2 id="move-title">Move your data</h2>
        <StepList current={step.name} />
      </div>
      {(step.name === 'choose' || step.name === 'planning') && (
        <ChooseStep
          choice={choice}
          active={active}
          overview={overview}
          planning={step.name === 'planning'}
          planError={step.name === 'choose' ? step.planError : undefined}
          onPlan={plan}
        />
      )}
      {step.name === 'preflight' && <PreflightStep move={step.move} onStart={start} onBack={startOver} />}
      {step.name === 'running' && <RunStep step={step} onCancel={() => cancelMove.mutate(step.id)} />}
      {step.name === 'stopped' && (
        <StoppedStep step={step} onCheckAgain={() => checkAgain(step.move)} onStartOver={startOver} />
      )}
      {step.name === 'report' && (
        <ReportStep
          step={step}
          onSwitch={() => switchStore.mutate({ move: step.move, result: step.result })}
          onRunAgain={() => checkAgain(step.move)}
          onClose={startOver}
        />
      )}
      {step.name === 'switched' && <SwitchedStep step={step} active={active} onDone={startOver} />}
    </section>
  );
}
