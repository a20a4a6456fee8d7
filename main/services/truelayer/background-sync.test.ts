import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempSqlitePath } from '../../../e2e/support/test-databases.js';
import { startBankHarness, type BankHarness } from '../../../e2e/support/truelayer-harness.js';
import { scheduleBackgroundSync } from './background-sync.js';
import { UNATTENDED_CALLS_PER_DAY } from './unattended-budget.js';

let h: BankHarness | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await h?.close();
  h = undefined;
});

const dataCalls = (harness: BankHarness) =>
  harness.emulator.requests().filter((r) => r.server === 'data' && /\/(accounts|cards)\/[^/]+\//.test(r.path));

describe('unattended sync', () => {
  it('sends X-PSU-IP only when the user started the sync', async () => {
    h = await startBankHarness({ target: tempSqlitePath() });
    const id = await h.link();
    h.emulator.clearRequests();
    await h.service.sync(id, { unattended: true });
    expect(dataCalls(h).length).toBeGreaterThan(0);
    expect(dataCalls(h).every((r) => r.headers['x-psu-ip'] === undefined)).toBe(true);
    h.emulator.clearRequests();
    await h.service.sync(id);
    expect(dataCalls(h).every((r) => typeof r.headers['x-psu-ip'] === 'string')).toBe(true);
  });

  it('makes each per-account call at most four times a day, and again the next day', async () => {
    h = await startBankHarness({ target: tempSqlitePath() });
    const id = await h.link();
    h.emulator.clearRequests();
    for (let i = 0; i < UNATTENDED_CALLS_PER_DAY + 2; i++) await h.service.sync(id, { unattended: true });
    const perAccount = new Map<string, number>();
    for (const r of dataCalls(h)) perAccount.set(r.path, (perAccount.get(r.path) ?? 0) + 1);
    // 3 accounts × (balance, transactions, pending) = 9 distinct calls, 4 times each.
    expect(perAccount.size).toBe(9);
    for (const n of perAccount.values()) expect(n).toBe(UNATTENDED_CALLS_PER_DAY);
    h.emulator.clock.advance({ hours: 24, minutes: 1 });
    h.emulator.clearRequests();
    await h.service.sync(id, { unattended: true });
    expect(dataCalls(h)).toHaveLength(9);
  });

  it('runs every syncIntervalHours and stops when asked', async () => {
    h = await startBankHarness({ target: tempSqlitePath() });
    await h.link();
    const syncAll = vi.spyOn(h.service, 'syncAll').mockResolvedValue([]);
    // Settings come from a file; read them before the clock is faked.
    vi.spyOn(h.service, 'settings').mockResolvedValue(await h.service.settings());
    vi.useFakeTimers();
    const background = scheduleBackgroundSync(h.service, { warn: () => undefined });
    await vi.advanceTimersByTimeAsync(6 * 3_600_000 - 1_000);
    expect(syncAll).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(syncAll).toHaveBeenCalledTimes(1);
    expect(syncAll).toHaveBeenCalledWith({ unattended: true });
    await vi.advanceTimersByTimeAsync(6 * 3_600_000);
    expect(syncAll).toHaveBeenCalledTimes(2);
    background.stop();
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(syncAll).toHaveBeenCalledTimes(2);
  });
});
