import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { refreshChangedTables } from './live-refresh';
import { keys } from './queries';

/** A client holding fresh answers for a few of the app's queries. */
function clientWithAnswers(): QueryClient {
  const client = new QueryClient();
  const asOf = '2026-12-07';
  for (const key of [
    keys.transactionCount({}),
    keys.categories,
    keys.accounts,
    keys.budgetStatus(asOf),
    keys.recurring(asOf),
    keys.ruleRuns,
    keys.databaseSettings,
  ])
    client.setQueryData(key, 'answer');
  return client;
}

const stale = (client: QueryClient) =>
  client
    .getQueryCache()
    .getAll()
    .filter((q) => q.state.isInvalidated)
    .map((q) => q.queryKey);

describe('refreshChangedTables', () => {
  it("a budget written elsewhere refetches the budgets' status only", async () => {
    const client = clientWithAnswers();
    await refreshChangedTables(client, ['budgets']);
    expect(stale(client)).toEqual([keys.budgetStatus('2026-12-07')]);
  });

  it('a transaction written elsewhere refetches what transactions feed, not accounts or settings', async () => {
    const client = clientWithAnswers();
    await refreshChangedTables(client, ['transactions']);
    expect(stale(client)).toEqual([
      keys.transactionCount({}),
      keys.budgetStatus('2026-12-07'),
      keys.recurring('2026-12-07'),
    ]);
  });

  it('linked banks and account names refetch the accounts family', async () => {
    const client = clientWithAnswers();
    await refreshChangedTables(client, ['truelayer_balances', 'account_mappings']);
    expect(stale(client)).toEqual([keys.accounts]);
  });
});
