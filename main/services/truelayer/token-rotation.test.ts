import { afterEach, describe, expect, it } from 'vitest';
import { tempSqlitePath } from '../../../e2e/support/test-databases.js';
import { CLIENT, startBankHarness, type BankHarness } from '../../../e2e/support/truelayer-harness.js';
import { hostsFor } from './environment.js';
import { authLink } from './auth-link.js';
import { newAttemptSecrets } from './pkce.js';
import { TokenClient } from './token-client.js';

let h: BankHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const refreshes = (harness: BankHarness) =>
  harness.emulator.requests().filter((r) => r.grantType === 'refresh_token' && r.status === 200);

describe('tokens', () => {
  it('refreshes a minute before expiry and stores the rotated refresh token before using it', async () => {
    h = await startBankHarness({ target: tempSqlitePath() });
    const id = await h.link();
    const before = (await h.store.bank.getConnection(id)).tokens!;
    h.emulator.clock.advance({ minutes: 59, seconds: 10 });
    await h.service.sync(id);
    expect(refreshes(h)).toHaveLength(1);
    const after = (await h.store.bank.getConnection(id)).tokens!;
    expect(await h.secrets.decrypt(after.refreshToken!)).not.toBe(await h.secrets.decrypt(before.refreshToken!));
    // No data call was refused on the way: the refresh came first.
    expect(h.emulator.requests().filter((r) => r.status === 401)).toHaveLength(0);
    // The old refresh token is dead at TrueLayer, as the rotation rule says.
    const client = new TokenClient(hostsFor('custom', custom(h)), CLIENT, fetch, () => h!.emulator.clock.now());
    await expect(client.refresh(await h.secrets.decrypt(before.refreshToken!))).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('two concurrent syncs cause exactly one refresh (and one sync)', async () => {
    h = await startBankHarness({ target: tempSqlitePath() });
    const id = await h.link();
    h.emulator.clock.advance({ minutes: 59, seconds: 30 });
    h.emulator.clearRequests();
    const [a, b] = await Promise.all([h.service.sync(id), h.service.sync(id)]);
    expect(b).toBe(a);
    expect(refreshes(h)).toHaveLength(1);
    expect(h.emulator.connections()[0]!.refreshCount).toBe(1);
    expect(h.emulator.requests().filter((r) => r.status === 401)).toHaveLength(0);
  });

  it('many callers needing a token at once share one refresh', async () => {
    h = await startBankHarness({ target: tempSqlitePath() });
    const id = await h.link();
    h.emulator.clock.advance({ minutes: 59, seconds: 30 });
    h.emulator.clearRequests();
    // Slow the refresh down so every caller arrives while it is in flight.
    h.emulator.injectFault({ kind: 'slow', ms: 100, match: { path: '/connect/token' } });
    const tokens = await Promise.all(Array.from({ length: 8 }, () => h!.service.tokens.accessToken(id)));
    expect(new Set(tokens).size).toBe(1);
    expect(refreshes(h)).toHaveLength(1);
    expect(h.emulator.connections()[0]!.refreshCount).toBe(1);
  });

  it('answers a 401 with one refresh and one retry', async () => {
    h = await startBankHarness({ target: tempSqlitePath() });
    const id = await h.link();
    h.emulator.clearRequests();
    h.emulator.injectFault({ kind: 'status', status: 401, error: 'invalid_token', match: { path: /\/balance$/ } });
    const report = await h.service.sync(id);
    expect(report.accounts).toBe(3);
    expect(refreshes(h)).toHaveLength(1);
    expect(h.emulator.requests().filter((r) => r.status === 401)).toHaveLength(1);
  });

  it('marks the connection "needs reconnect" when the refresh token is refused, and keeps every row', async () => {
    h = await startBankHarness({ target: tempSqlitePath() });
    const id = await h.link();
    const count = await h.store.countTransactions({});
    h.emulator.clock.advance({ minutes: 61 });
    h.emulator.injectFault({ kind: 'status', status: 400, error: 'invalid_grant', match: { path: '/connect/token' } });
    await expect(h.service.sync(id)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await h.store.bank.getConnection(id)).status).toBe('authorization_required');
    expect(await h.store.countTransactions({})).toBe(count);
    // Later syncs do not even try until the user reconnects.
    h.emulator.clearRequests();
    await expect(h.service.sync(id)).rejects.toMatchObject({ code: 'forbidden' });
    expect(h.emulator.requests()).toHaveLength(0);
  });

  it('a reconnect puts the new tokens on the same connection', async () => {
    h = await startBankHarness({ target: tempSqlitePath() });
    const id = await h.link();
    await h.store.bank.setStatus(id, 'authorization_required', 'gone');
    const started = await h.service.startLink({ reconnect: id });
    const redirect = await h.emulator.authorize(started.url, { username: 'john', password: 'doe' });
    expect((await h.service.completeLink(redirect)).connectionId).toBe(id);
    expect((await h.store.bank.getConnection(id)).status).toBe('active');
    expect(await h.store.bank.listConnections()).toHaveLength(1);
  });

  it('a re-link whose /me fails still finds the bank by its accounts, and keeps its name', async () => {
    h = await startBankHarness({ target: tempSqlitePath() });
    const id = await h.link();
    const before = await h.store.countTransactions({});
    h.emulator.injectFault({
      kind: 'status',
      status: 500,
      error: 'internal_server_error',
      match: { path: /\/me$/ },
      times: 5,
    });
    expect(await h.link()).toBe(id);
    expect(await h.store.bank.listConnections()).toMatchObject([
      { id, providerName: 'Mock UK Bank', status: 'active' },
    ]);
    expect(await h.store.countTransactions({})).toBe(before);
  });

  it('a code works once: TrueLayer refuses its reuse', async () => {
    h = await startBankHarness({ target: tempSqlitePath() });
    const secrets = newAttemptSecrets();
    const hosts = hostsFor('custom', custom(h));
    const url = authLink({
      hosts,
      clientId: CLIENT.clientId,
      redirectUri: 'spending://truelayer/callback',
      providers: 'uk-cs-mock',
      ...secrets,
    });
    const code = new URL(await h.emulator.authorize(url, { username: 'john', password: 'doe' })).searchParams.get(
      'code',
    )!;
    const client = new TokenClient(hosts, CLIENT, fetch, () => h!.emulator.clock.now());
    await client.exchangeCode(code, 'spending://truelayer/callback', secrets.codeVerifier);
    await expect(
      client.exchangeCode(code, 'spending://truelayer/callback', secrets.codeVerifier),
    ).rejects.toMatchObject({
      status: 400,
      error: 'invalid_grant',
    });
  });

  it('extends consent: no action needed for john/eternal, a login link for others', async () => {
    h = await startBankHarness({ target: tempSqlitePath() });
    const eternal = await h.link({ username: 'john', password: 'eternal' });
    const before = (await h.store.bank.getConnection(eternal)).consentExpiresAt!;
    h.emulator.clock.advance({ days: 80 });
    expect(await h.service.extendConsent(eternal)).toEqual({ extended: true });
    expect(Date.parse((await h.store.bank.getConnection(eternal)).consentExpiresAt!)).toBeGreaterThan(
      Date.parse(before),
    );
    const normal = await h.link({ username: 'john2', password: 'doe2' });
    const result = await h.service.extendConsent(normal);
    expect(result.extended).toBe(false);
    expect(result).toHaveProperty('link');
  });

  it('extending consent waits for a refresh in flight, and a refused one asks for a reconnect', async () => {
    h = await startBankHarness({ target: tempSqlitePath() });
    const id = await h.link({ username: 'john', password: 'eternal' });
    h.emulator.clock.advance({ minutes: 59, seconds: 30 });
    h.emulator.injectFault({ kind: 'slow', ms: 50, match: { path: '/connect/token' } });
    const [token, extended] = await Promise.all([h.service.tokens.accessToken(id), h.service.extendConsent(id)]);
    expect(extended).toEqual({ extended: true });
    expect(typeof token).toBe('string');
    expect(await h.store.bank.getConnection(id)).toMatchObject({ status: 'active' });
    await expect(h.service.sync(id)).resolves.toMatchObject({ accounts: 3 });

    h.emulator.injectFault({ kind: 'revoke', match: { path: '/connections/extend' } });
    await expect(h.service.extendConsent(id)).rejects.toMatchObject({
      code: 'forbidden',
      message: 'Mock UK Bank needs you to log in again before Spending can sync it.',
    });
    expect((await h.store.bank.getConnection(id)).status).toBe('authorization_required');
  });

  it('disconnect during a sync stops the sync first, so no token outlives the wipe', async () => {
    h = await startBankHarness({ target: tempSqlitePath() });
    const id = await h.link();
    h.emulator.clock.advance({ minutes: 59, seconds: 30 });
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    let release!: () => void;
    h.emulator.injectFault({
      kind: 'hold',
      until: new Promise<void>((resolve) => (release = resolve)),
      held: () => held(),
      match: { path: '/connect/token' },
    });
    const sync = h.service.sync(id);
    const failed = expect(sync).rejects.toThrow('Sync cancelled');
    await holding;
    const gone = h.service.disconnect(id);
    release();
    expect(await gone).toEqual({ revoked: true });
    await failed;
    const connection = await h.store.bank.getConnection(id);
    expect(connection).toMatchObject({ status: 'inactive', tokens: null });
  });

  it('disconnect revokes at TrueLayer, wipes the tokens and keeps the transactions', async () => {
    h = await startBankHarness({ target: tempSqlitePath() });
    const id = await h.link();
    const count = await h.store.countTransactions({});
    expect(await h.service.disconnect(id)).toEqual({ revoked: true });
    expect(h.emulator.requests().some((r) => r.method === 'DELETE' && r.path === '/api/delete')).toBe(true);
    expect(h.emulator.connections()[0]!.revoked).toBe(true);
    const connection = await h.store.bank.getConnection(id);
    expect(connection.tokens).toBeNull();
    expect(connection.status).toBe('inactive');
    expect(await h.store.countTransactions({})).toBe(count);
  });
});

function custom(harness: BankHarness) {
  return { auth: harness.emulator.authUrl, data: harness.emulator.dataUrl, api: harness.emulator.apiUrl };
}
