// Two processes on one store (the CLI beside the app, computers on one
// PostgreSQL database), each with its own service and database connection,
// using one connection's refresh token. TrueLayer rotates on every use, so
// they take turns through the store's lease. Ordered with the emulator's
// `hold`, never by timing. (main/cli/bank-sync-processes.test.ts runs two real
// `spending` processes.)
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../db/open-store.js';
import type { SqlStore } from '../../../db/sql-store.js';
import { storeTargets } from '../../../e2e/support/test-databases.js';
import { startBankHarness, type BankHarness } from '../../../e2e/support/truelayer-harness.js';
import { TrueLayerService } from './truelayer-service.js';

let h: BankHarness | undefined;
let otherStore: SqlStore | undefined;
afterEach(async () => {
  await otherStore?.close();
  otherStore = undefined;
  await h?.close();
  h = undefined;
});

/** A promise and the function that settles it. */
function signal(): { promise: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}

/**
 * Holds the next token request at the emulator. With `answer`, TrueLayer
 * handles it (rotating) and only the answer waits; `reached` settles then.
 */
function holdTokenRequest(harness: BankHarness, answer: boolean) {
  const reached = signal();
  const released = signal();
  harness.emulator.injectFault({
    kind: 'hold',
    answer,
    until: released.promise,
    held: reached.fire,
    match: { path: '/connect/token' },
  });
  return { reached: reached.promise, release: released.fire };
}

/** Another process: its own store connection and service (so its own lease holder), the same keys and settings. */
async function otherProcess(harness: BankHarness, target: string, onWait: () => void = () => undefined) {
  otherStore = await openStore(target);
  const store = otherStore;
  return new TrueLayerService({
    dataDir: harness.dataDir,
    secrets: harness.secrets,
    store: () => store,
    now: () => harness.emulator.clock.now(),
    log: {
      info: (message) => {
        if (message.startsWith('Waiting for another Spending process')) onWait();
      },
      warn: () => undefined,
    },
  });
}

const refreshStatuses = (harness: BankHarness) =>
  harness.emulator
    .requests()
    .filter((r) => r.grantType === 'refresh_token')
    .map((r) => r.status);

describe.each(storeTargets)('the refresh token across processes on one $dialect store', ({ target }) => {
  it('the lease: one holder at a time, given back only by its holder, and a crashed holder’s runs out', async () => {
    h = await startBankHarness({ target: await target() });
    const id = await h.link();
    const bank = h.store.bank;
    expect(await bank.claimTokenLease(id, 'a', 60)).toBe('claimed');
    expect(await bank.claimTokenLease(id, 'b', 60)).toBe('held');
    await bank.releaseTokenLease(id, 'b');
    expect(await bank.claimTokenLease(id, 'b', 60)).toBe('held');
    await bank.releaseTokenLease(id, 'a');
    expect(await bank.claimTokenLease(id, 'b', 60)).toBe('claimed');
    await bank.releaseTokenLease(id, 'b');
    // A holder that crashed: its time is up, so the next one takes over and knows it did.
    expect(await bank.claimTokenLease(id, 'crashed', -1)).toBe('claimed');
    expect(await bank.claimTokenLease(id, 'c', 60)).toBe('taken-over');
    await bank.releaseTokenLease(id, 'c');
    // The service gets past a crashed holder's lease on its own.
    expect(await bank.claimTokenLease(id, 'crashed', -1)).toBe('claimed');
    h.emulator.clock.advance({ minutes: 59, seconds: 30 });
    await expect(h.service.sync(id)).resolves.toMatchObject({ accounts: 3 });
    expect(refreshStatuses(h)).toEqual([200]);
  });

  it('a refresh waits for the one another process has at TrueLayer, and uses the pair it stores', async () => {
    const db = await target();
    h = await startBankHarness({ target: db });
    const id = await h.link();
    h.emulator.clock.advance({ minutes: 59, seconds: 30 });
    h.emulator.clearRequests();
    const hold = holdTokenRequest(h, true);
    const app = h.service.tokens.accessToken(id);
    // TrueLayer has rotated the app's refresh token; the app has not stored the new pair yet.
    await hold.reached;
    const waiting = signal();
    const cli = await otherProcess(h, db, waiting.fire);
    const cliToken = cli.tokens.accessToken(id);
    await Promise.race([waiting.promise, cliToken.catch(() => undefined)]);
    hold.release();
    expect(await cliToken).toBe(await app);
    expect(await h.store.bank.getConnection(id)).toMatchObject({ status: 'active' });
    expect(refreshStatuses(h)).toEqual([200]);
    expect(h.emulator.connections()[0]!.refreshCount).toBe(1);
    await expect(cli.sync(id)).resolves.toMatchObject({ accounts: 3 });
  });

  it('extending consent waits for a refresh another process has at TrueLayer, then uses the rotated token', async () => {
    const db = await target();
    h = await startBankHarness({ target: db });
    const id = await h.link({ username: 'john', password: 'eternal' });
    h.emulator.clock.advance({ minutes: 59, seconds: 30 });
    const hold = holdTokenRequest(h, true);
    const app = h.service.tokens.accessToken(id);
    await hold.reached;
    const waiting = signal();
    const cli = await otherProcess(h, db, waiting.fire);
    const extending = cli.extendConsent(id);
    await Promise.race([waiting.promise, extending.catch(() => undefined)]);
    hold.release();
    expect(await extending).toEqual({ extended: true });
    await app;
    expect(await h.store.bank.getConnection(id)).toMatchObject({ status: 'active' });
    await expect(h.service.sync(id)).resolves.toMatchObject({ accounts: 3 });
  });

  it('a disconnect by another process while a refresh is at TrueLayer is not undone by the pair it brings back', async () => {
    const db = await target();
    h = await startBankHarness({ target: db });
    const id = await h.link();
    const refused = await h.service.tokens.accessToken(id);
    const hold = holdTokenRequest(h, true);
    // As after a 401: the app refreshes; TrueLayer rotates (killing the stored access token) and its answer waits.
    const refreshing = h.service.tokens.refresh(id, refused);
    await hold.reached;
    const cli = await otherProcess(h, db);
    // The revocation with the dead access token fails; the tokens are wiped all the same.
    expect(await cli.disconnect(id)).toEqual({ revoked: false });
    hold.release();
    await expect(refreshing).rejects.toMatchObject({ code: 'forbidden' });
    expect(await h.store.bank.getConnection(id)).toMatchObject({ status: 'inactive', tokens: null });
  });

  it('a refresh refused because another process disconnected the bank leaves it disconnected, not "needs reconnect"', async () => {
    const db = await target();
    h = await startBankHarness({ target: db });
    const id = await h.link();
    const refused = await h.service.tokens.accessToken(id);
    const hold = holdTokenRequest(h, false);
    const refreshing = h.service.tokens.refresh(id, refused);
    await hold.reached;
    const cli = await otherProcess(h, db);
    expect(await cli.disconnect(id)).toEqual({ revoked: true });
    hold.release();
    await expect(refreshing).rejects.toMatchObject({ code: 'forbidden' });
    expect(await h.store.bank.getConnection(id)).toMatchObject({ status: 'inactive', tokens: null });
  });

  it('a refresh refused after taking over a lapsed lease gives no verdict: the late holder’s pair still counts', async () => {
    const db = await target();
    h = await startBankHarness({ target: db });
    const id = await h.link();
    h.emulator.clock.advance({ minutes: 59, seconds: 30 });
    h.emulator.clearRequests();
    const hold = holdTokenRequest(h, true);
    const app = h.service.tokens.accessToken(id);
    await hold.reached;
    // The app stalls past its lease (a laptop asleep mid-refresh): its time runs out while TrueLayer has rotated.
    await h.store.query(
      sql`UPDATE bank_connections SET token_lease_expires_at = ${new Date(0).toISOString()} WHERE id = ${id}`,
    );
    const cli = await otherProcess(h, db);
    await expect(cli.tokens.accessToken(id)).rejects.toMatchObject({ code: 'unavailable' });
    expect(await h.store.bank.getConnection(id)).toMatchObject({ status: 'active' });
    hold.release();
    const token = await app;
    expect(await cli.tokens.accessToken(id)).toBe(token);
    expect(refreshStatuses(h).sort()).toEqual([200, 400]);
    await expect(cli.sync(id)).resolves.toMatchObject({ accounts: 3 });
  });
});
