// Where in the move the user is: five short steps, the current one marked
// for screen readers with aria-current.
import type { Step } from './wizard-state';

const STEPS: { label: string; steps: readonly Step['name'][] }[] = [
  { label: 'Target', steps: ['choose', 'planning'] },
  { label: 'Check', steps: ['preflight'] },
  { label: 'Move', steps: ['running', 'stopped'] },
  { label: 'Report', steps: ['report'] },
  { label: 'Switch', steps: ['switched'] },
];

export function StepList({ current }: { current: Step['name'] }) {
  const at = STEPS.findIndex((step) => step.steps.includes(current));
  return (
    <ol className="move-steps" aria-label="Steps">
      {STEPS.map((step, index) => (
        <li
          key={step.label}
          className={index < at ? 'move-steps__done' : index === at ? 'move-steps__current' : undefined}
          aria-current={index === at ? 'step' : undefined}
        >
          <span className="move-steps__number" aria-hidden>
            {index < at ? '✓' : index + 1}
          </span>
          {step.label}
        </li>
      ))}
    </ol>
  );
}
