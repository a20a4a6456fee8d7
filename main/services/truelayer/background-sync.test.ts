import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempSqlitePath } from '../../../e2e/support/test-databases.js';
import { startBankHarness, type BankHarness } from '../../../e2e/support/truelayer-harness.js';
import { scheduleBackgroundSync } from './background-sync.js';
import type { SyncRequest } from './truelayer-service.js';
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
});

describe('background sync schedule', () => {
  const HOUR = 3_600_000;
  const MINUTE = 60_000;
  let syncs: number[];
  let syncArgs: unknown[][];

  /** A linked bank last synced `ago` ms before now, with sync stubbed to record the time and mark it synced. */
  async function linkedBank(ago: number, outcome: 'ok' | 'fail' = 'ok') {
    h = await startBankHarness({ target: tempSqlitePath() });
    const id = await h.link();
    const bank = h.store.bank;
    // Settings come from a file; read them before the clock is faked.
    vi.spyOn(h.service, 'settings').mockResolvedValue(await h.service.settings());
    // On a whole second: the store keeps sync times to the second.
    vi.useFakeTimers({ now: new Date('2026-12-04T09:00:00Z') });
    await bank.markSynced(id, new Date(Date.now() - ago));
    syncs = [];
    const started = Date.now();
    syncArgs = [];
    vi.spyOn(h.service, 'sync').mockImplementation(async (...args) => {
      syncs.push(Date.now() - started);
      syncArgs.push(args);
      if (outcome === 'fail') throw new Error('bank down');
      await bank.markSynced(id, new Date());
      return undefined as never;
    });
    return id;
  }

  it('syncs a bank overdue since before the app started a minute after start, then every 6 hours', async () => {
    await linkedBank(7 * HOUR);
    const background = scheduleBackgroundSync(h!.service, { warn: () => undefined });
    await vi.advanceTimersByTimeAsync(MINUTE - 1);
    expect(syncs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(syncs).toEqual([MINUTE]);
    await vi.advanceTimersByTimeAsync(6 * HOUR - 1);
    expect(syncs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(syncs).toEqual([MINUTE, MINUTE + 6 * HOUR]);
    const [, options] = syncArgs[0] as [number, SyncRequest];
    expect(options.unattended).toBe(true);
    expect(options.signal).toBeInstanceOf(AbortSignal);
    await background.stop();
    await vi.advanceTimersByTimeAsync(24 * HOUR);
    expect(syncs).toHaveLength(2);
  });

  it('counts from the last sync, so a sync the user just ran pushes the next one back', async () => {
    const id = await linkedBank(HOUR);
    const background = scheduleBackgroundSync(h!.service, { warn: () => undefined });
    await vi.advanceTimersByTimeAsync(2 * HOUR);
    await h!.store.bank.markSynced(id, new Date()); // "Sync now" at 2 h
    await vi.advanceTimersByTimeAsync(6 * HOUR - 1);
    expect(syncs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(syncs).toEqual([8 * HOUR]);
    await background.stop();
  });

  it('after a failed attempt waits a whole interval, and says why in the log', async () => {
    await linkedBank(7 * HOUR, 'fail');
    const warnings: string[] = [];
    const background = scheduleBackgroundSync(h!.service, { warn: (m) => warnings.push(m) });
    await vi.advanceTimersByTimeAsync(6 * HOUR + MINUTE - 1);
    expect(syncs).toEqual([MINUTE]);
    await vi.advanceTimersByTimeAsync(1);
    expect(syncs).toEqual([MINUTE, MINUTE + 6 * HOUR]);
    expect(warnings[0]).toMatch(/^Background sync of bank connection \d+ failed: bank down$/);
    await background.stop();
  });

  it('on stop, cancels a sync under way and resolves once it has ended, with no warning', async () => {
    await linkedBank(7 * HOUR);
    const events: string[] = [];
    // A sync still talking to the bank when the app quits: it ends only when cancelled.
    vi.spyOn(h!.service, 'sync').mockImplementation(
      (_id, options) =>
        new Promise((_resolve, reject) => {
          options?.signal?.addEventListener('abort', () => {
            events.push('sync ended');
            reject(new Error('Sync cancelled.'));
          });
        }),
    );
    const warnings: string[] = [];
    const background = scheduleBackgroundSync(h!.service, { warn: (m) => warnings.push(m) });
    await vi.advanceTimersByTimeAsync(MINUTE);
    await background.stop();
    events.push('stopped');
    expect(events).toEqual(['sync ended', 'stopped']);
    expect(warnings).toEqual([]);
  });

  it('leaves a bank that needs reconnecting alone', async () => {
    const id = await linkedBank(7 * HOUR);
    await h!.store.bank.setStatus(id, 'authorization_required', 'gone');
    const background = scheduleBackgroundSync(h!.service, { warn: () => undefined });
    await vi.advanceTimersByTimeAsync(24 * HOUR);
    expect(syncs).toEqual([]);
    await background.stop();
  });
});
