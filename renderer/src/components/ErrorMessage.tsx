import { describeError } from '../api';

interface Props {
  /** Something thrown; told as its ApiError message and remedy, or generically. */
  error?: unknown;
  /** An already-described problem, e.g. a form's non-field error. */
  problem?: { message: string; remedy?: string | undefined };
  /** What was being attempted, e.g. "Could not load transactions". */
  title?: string;
  onRetry?: () => void;
}

/** A failure told as what happened and what to do next; never a stack trace. */
export function ErrorMessage({ error, problem, title, onRetry }: Props) {
  const { message, remedy } = problem ?? describeError(error);
  return (
    <div className="error-message" role="alert">
      {title && <p className="error-message__title">{title}</p>}
      <p>{message}</p>
      {remedy && <p className="error-message__remedy">{remedy}</p>}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
