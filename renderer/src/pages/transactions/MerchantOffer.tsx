// After one row's category changes by hand: the other rows of its merchant
// are one click from the same category. Done as a run, so the Rules page's
// "Undo last apply" puts them back.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { call } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { categoryLabel, plural } from '../../format';
import { refreshTransactionData } from '../../queries';
import type { RuleDraft } from '../rules/AddRuleForm';

export interface MerchantChange {
  merchant: string;
  category: string | null;
}

export function MerchantOffer({ change, onDone }: { change: MerchantChange; onDone: (notice: string) => void }) {
  const client = useQueryClient();
  const counted = useQuery({
    queryKey: ['transactions', 'merchant-others', change],
    queryFn: () => call('categoriseMerchant', { ...change, dryRun: true }),
    staleTime: 0,
  });
  const apply = useMutation({
    mutationFn: () => call('categoriseMerchant', change),
    onSuccess: async (result) => {
      await Promise.all([refreshTransactionData(client), client.invalidateQueries({ queryKey: ['rules'] })]);
      onDone(
        `Put ${plural(result.changed, 'more transaction')} from ${change.merchant} in ${categoryLabel(change.category)}. Undo it on the Rules page.`,
      );
    },
  });
  if (!counted.data) return null;
  const count = counted.data.changed;
  const others = plural(count, 'other transaction');
  const rule: RuleDraft = { field: 'merchant', op: 'is', value: change.merchant, category: change.category ?? '' };
  return (
    <section className="merchant-offer" aria-label="Same merchant">
      <p>
        {count ? (
          <>
            Also put the {others} from <strong>{change.merchant}</strong> in {categoryLabel(change.category)}?
          </>
        ) : (
          <>
            Put <strong>{change.merchant}</strong> in {categoryLabel(change.category)} from now on?
          </>
        )}
      </p>
      {count > 0 && (
        <button
          type="button"
          className="button button--primary"
          disabled={apply.isPending}
          onClick={() => apply.mutate()}
        >
          Also the {others}
        </button>
      )}
      {change.category && (
        <Link className="button" to="/rules" state={{ rule }}>
          Make this a rule
        </Link>
      )}
      <button type="button" className="button" onClick={() => onDone('')}>
        No, just this one
      </button>
      {apply.isError && <ErrorMessage error={apply.error} title="Could not change them." />}
    </section>
  );
}
