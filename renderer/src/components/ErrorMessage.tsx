import { describeError } from '../api';

interface Props {
  error: unknown;
  /** What was being attempted, e.g. "Could not load transactions". */
  title?: string;
  onRetry?: () => void;
}

/** A failure told as what happened and what to do next; never a stack trace. */
export function ErrorMessage({ error, title, onRetry }: Props) {
  const { message, remedy } = describeError(error);
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
