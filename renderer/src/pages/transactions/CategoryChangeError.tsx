import { describeError } from '../../api';
import { categoryLabel } from '../../format';
import type { CategoryChange } from './useTransactions';

interface Props {
  error: unknown;
  change: CategoryChange | undefined;
  onDismiss: () => void;
}

/** Says which change was undone, so the user knows the row they see is the stored value. */
export function CategoryChangeError({ error, change, onDismiss }: Props) {
  const { message, remedy } = describeError(error);
  return (
    <div className="banner banner--error" role="alert">
      <div>
        <p className="banner__title">
          {change
            ? `Could not change “${change.transaction.description}” to ${categoryLabel(change.category)}; it was put back.`
            : 'Could not change the category; it was put back.'}
        </p>
        <p>{message}</p>
        {remedy && <p className="banner__remedy">{remedy}</p>}
      </div>
      <button type="button" className="button button--small" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
