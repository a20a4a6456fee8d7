import { createServer } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '../../../db/table-columns.js';
import { storeTargets, tempSqlitePath } from '../../../e2e/support/test-databases.js';
import { startBankHarness, type BankHarness } from '../../../e2e/support/truelayer-harness.js';
import { ATTEMPT_TTL_MS } from './truelayer-service.js';

let h: BankHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe.each(storeTargets)('linking a bank ($dialect)', ({ target }) => {
  it('links through the protocol redirect and syncs accounts, cards, balances, pending and transactions', async () => {
    h = await startBankHarness({ target: await target() });
    const id = await h.link();
    const bank = h.store.bank;
    const accounts = await bank.listAccounts(id);
    expect(accounts.map((a) => a.kind).sort()).toEqual(['account', 'account', 'card']);
    expect(accounts.every((a) => a.balance !== null && a.lastSyncedAt !== null)).toBe(true);
    const connection = await bank.getConnection(id);
    expect(connection).toMatchObject({ status: 'active', providerId: 'uk-cs-mock', providerName: 'Mock UK Bank' });
    expect(connection.consentExpiresAt).not.toBeNull();
    for (const a of accounts) {
      expect((await bank.transactions.totals(a.id)).count).toBe(120);
      expect(await bank.transactions.listPending(a.id)).toHaveLength(2);
    }
    // The first sync asked for full history, with the user present.
    const txCalls = h.emulator.requests().filter((r) => r.path.endsWith('/transactions'));
    expect(txCalls).toHaveLength(3);
    expect(txCalls.every((r) => r.headers['x-psu-ip'])).toBe(true);
    expect(h.progress.map((p) => p.phase)).toEqual([
      'waiting',
      'exchanging',
      'accounts',
      'account',
      'account',
      'account',
      'done',
      'linked',
    ]);
    // The sync is logged, without anything secret.
    const logs = await bank.listLogs(id);
    expect(logs.map((l) => l.eventType)).toEqual(expect.arrayContaining(['linked', 'sync']));
    expect(JSON.stringify(logs)).not.toMatch(/eyJ|gAAAAA/);
  });

  it("files every synced transaction in the ledger under the user's keyword rules", async () => {
    h = await startBankHarness({ target: await target() });
    const travel = await h.store.addCategory('Travel');
    await h.store.addKeyword(travel.id, 'tfl travel');
    await h.link();
    const tfl = await h.store.listTransactions({ search: 'TFL TRAVEL', limit: 500 });
    expect(tfl.items.length).toBeGreaterThan(0);
    expect(tfl.items.every((t) => t.category === 'Travel')).toBe(true);
    const atm = await h.store.listTransactions({ search: 'LINK ATM', limit: 500 });
    expect(atm.items.length).toBeGreaterThan(0);
    // Matching no rule leaves a row uncategorised, where the "Uncategorised" filter finds it.
    expect(atm.items.every((t) => t.category === null && t.amountPence < 0)).toBe(true);
    expect(await h.store.countTransactions({ search: 'LINK ATM', uncategorised: true })).toBe(atm.items.length);
  });

  it('keeps no token in plaintext anywhere in the database', async () => {
    h = await startBankHarness({ target: await target() });
    const id = await h.link();
    const stored = (await h.store.bank.getConnection(id)).tokens!;
    const access = await h.secrets.decrypt(stored.accessToken);
    const refresh = await h.secrets.decrypt(stored.refreshToken!);
    expect(access.startsWith('eyJ')).toBe(true);
    const dump = JSON.stringify(await everyRow(h));
    expect(dump).not.toContain(access);
    expect(dump).not.toContain(refresh);
    expect(dump).not.toMatch(/eyJ[A-Za-z0-9_-]+\.eyJ/);
  });
});

/** Every value of every table, as the database holds it. */
async function everyRow(harness: BankHarness): Promise<unknown[]> {
  const rows: unknown[] = [];
  for (const table of TABLE_NAMES) rows.push(...(await harness.store.bank.rawRows(sql.raw(table))));
  return rows;
}

describe('link callbacks', () => {
  it('refuses a replayed callback and a made-up state, and logs the refusal', async () => {
    h = await startBankHarness({ target: tempSqlitePath() });
    const started = await h.service.startLink();
    const redirect = await h.emulator.authorize(started.url, { username: 'john', password: 'doe' });
    await h.service.completeLink(redirect);
    await expect(h.service.completeLink(redirect)).rejects.toMatchObject({ code: 'forbidden' });
    const forged = new URL(redirect);
    forged.searchParams.set('state', 'made-up-state');
    await expect(h.service.completeLink(forged.toString())).rejects.toMatchObject({ code: 'forbidden' });
    expect(await h.store.bank.listConnections()).toHaveLength(1);
    const refused = (await h.store.bank.rawRows(sql`connection_logs`)).filter(
      (r) => r.event_type === 'callback_refused',
    );
    expect(refused).toHaveLength(2);
    // The emulator saw exactly one code exchange.
    expect(h.emulator.requests().filter((r) => r.grantType === 'authorization_code')).toHaveLength(1);
  });

  it('refuses an answer that comes after the attempt expired', async () => {
    h = await startBankHarness({ target: tempSqlitePath() });
    const started = await h.service.startLink();
    const redirect = await h.emulator.authorize(started.url, { username: 'john', password: 'doe' });
    h.emulator.clock.advance({ seconds: ATTEMPT_TTL_MS / 1000 + 1 });
    await expect(h.service.completeLink(redirect)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await h.store.bank.listConnections()).toHaveLength(0);
  });

  it('refuses an answer that arrives after the user cancelled', async () => {
    h = await startBankHarness({ target: tempSqlitePath() });
    const started = await h.service.startLink();
    const redirect = await h.emulator.authorize(started.url, { username: 'john', password: 'doe' });
    await h.service.cancelLink();
    await expect(h.service.completeLink(redirect)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await h.store.bank.listConnections()).toHaveLength(0);
  });

  it('reports a denied consent and links nothing', async () => {
    h = await startBankHarness({ target: tempSqlitePath() });
    const started = await h.service.startLink();
    const redirect = await h.emulator.authorize(started.url, { username: 'john', password: 'doe', deny: true });
    expect(new URL(redirect).searchParams.get('error')).toBe('access_denied');
    await expect(h.service.completeLink(redirect)).rejects.toThrow(/did not allow access/);
    expect(await h.store.bank.listConnections()).toHaveLength(0);
  });

  it('accepts a pasted bare code for the one link this app started', async () => {
    h = await startBankHarness({ target: tempSqlitePath(), redirectMode: 'manual' });
    h.emulator.addClient({
      clientId: 'spending-test',
      clientSecret: 'test-secret',
      redirectUris: ['https://console.truelayer.com/redirect-page'],
    });
    const started = await h.service.startLink();
    const redirect = await h.emulator.authorize(started.url, { username: 'john', password: 'doe' });
    const code = new URL(redirect).searchParams.get('code')!;
    const linked = await h.service.completeLink(code);
    expect(linked.report.accounts).toBe(3);
  });

  it('receives the loopback redirect, ignoring a forged request first', async () => {
    h = await startBankHarness({ target: tempSqlitePath(), redirectMode: 'loopback' });
    const started = await h.service.startLink();
    expect(started.redirectUri).toBe(h.loopbackUri);
    const forged = await fetch(`${h.loopbackUri}?code=forgedcode123&state=not-ours`);
    expect(forged.status).toBe(400);
    const redirect = await h.emulator.authorize(started.url, { username: 'john', password: 'doe' });
    // Browsers may resolve localhost to ::1 or 127.0.0.1; the listener is on both.
    const delivered = await fetch(redirect.replace('localhost', '127.0.0.1'));
    expect(delivered.status).toBe(200);
    expect(await delivered.text()).toContain('linked');
    const result = await started.completion!;
    expect(result.report.accounts).toBe(3);
    // Single use: the listener has closed.
    await expect(fetch(redirect)).rejects.toThrow();
  });

  it('ends the loopback wait at once when the user denies access, saying why in the tab and the app', async () => {
    h = await startBankHarness({ target: tempSqlitePath(), redirectMode: 'loopback' });
    const started = await h.service.startLink();
    const ended = expect(started.completion).rejects.toThrow('You did not allow access, so nothing was linked.');
    const stray = await fetch(`${h.loopbackUri}?nothing=here`.replace('localhost', '127.0.0.1'));
    expect(stray.status).toBe(400);
    const redirect = await h.emulator.authorize(started.url, { username: 'john', password: 'doe', deny: true });
    const delivered = await fetch(redirect.replace('localhost', '127.0.0.1'));
    expect(delivered.status).toBe(400);
    expect(await delivered.text()).toContain('You did not allow access, so nothing was linked.');
    await ended;
    expect(await h.store.bank.listConnections()).toHaveLength(0);
    await expect(fetch(redirect)).rejects.toThrow();
  });

  it('turns away addresses without a state, so another page cannot spend the attempt, and links with the real answer', async () => {
    h = await startBankHarness({ target: tempSqlitePath(), redirectMode: 'loopback' });
    const started = await h.service.startLink();
    const listener = h.loopbackUri.replace('localhost', '127.0.0.1');
    for (const query of ['?error=access_denied', '?code=someoneelsescode']) {
      const stray = await fetch(`${listener}${query}`);
      expect(stray.status).toBe(400);
      expect(await stray.text()).toContain('That is not a TrueLayer redirect.');
    }
    await expect(h.service.completeLink('spending://truelayer/callback?code=someoneelsescode')).rejects.toThrow(
      'That is not a TrueLayer redirect.',
    );
    const redirect = await h.emulator.authorize(started.url, { username: 'john', password: 'doe' });
    expect((await fetch(redirect.replace('localhost', '127.0.0.1'))).status).toBe(200);
    expect((await started.completion!).report.accounts).toBe(3);
  });

  it('refuses to start when the listener port is taken, before any browser opens, and keeps no attempt', async () => {
    h = await startBankHarness({ target: tempSqlitePath(), redirectMode: 'loopback' });
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(Number(new URL(h!.loopbackUri).port), '127.0.0.1', resolve));
    try {
      await expect(h.service.startLink()).rejects.toThrow(/^Port \d+ is in use, so Spending cannot receive/);
      expect(await h.store.bank.rawRows(sql`oauth_state`)).toHaveLength(0);
    } finally {
      taken.close();
    }
  });

  it('shows what the answer carried as text, never as markup', async () => {
    h = await startBankHarness({ target: tempSqlitePath(), redirectMode: 'loopback' });
    const started = await h.service.startLink();
    const ended = expect(started.completion).rejects.toThrow('TrueLayer refused the link: <b>bold</b>.');
    const listener = h.loopbackUri.replace('localhost', '127.0.0.1');
    const answer = await fetch(`${listener}?error=${encodeURIComponent('<b>bold</b>')}&state=${started.state}`);
    const page = await answer.text();
    expect(page).toContain('TrueLayer refused the link: &#60;b&#62;bold&#60;/b&#62;.');
    expect(page).not.toContain('<b>');
    await ended;
  });

  it('re-linking the same bank reuses its connection; another login is another connection', async () => {
    h = await startBankHarness({ target: tempSqlitePath() });
    const first = await h.link();
    const again = await h.link();
    expect(again).toBe(first);
    const other = await h.link({ username: 'john1', password: 'doe1' });
    expect(other).not.toBe(first);
    expect(await h.store.bank.listConnections()).toHaveLength(2);
  });
});
