// `spending bank` end to end (tier 3): the client secret goes to the real
// keychain, `bank link` prints the auth link and receives the loopback
// redirect from the emulator, then status, sync, the sync log and disconnect.
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { openStore } from '../../db/open-store.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../e2e/support/postgres-server.js';
import { startTrueLayerEmulator, type TrueLayerEmulator } from '../../e2e/truelayer-emulator/index.js';
import { runCli } from '../cli.js';
import { KEYCHAIN_SERVICE, osKeychain } from '../services/secrets/keychain.js';
import { tempDir } from '../../e2e/support/test-cleanup.js';

const SECRET = 'cli-test-secret-value';

async function cli(argv: string[], stdinText?: string, onStderr?: (text: string) => void, tty = false) {
  const stdout = new PassThrough();
  const stderr = Object.assign(new PassThrough(), { isTTY: tty });
  const stdin = new PassThrough();
  const out = { stdout: '', stderr: '' };
  stdout.on('data', (c: Buffer) => (out.stdout += c.toString()));
  stderr.on('data', (c: Buffer) => {
    out.stderr += c.toString();
    onStderr?.(out.stderr);
  });
  if (stdinText !== undefined) stdin.end(stdinText);
  const code = await runCli(argv, { stdout, stderr, stdin });
  stdin.end();
  return { code, ...out };
}

describe('spending bank', () => {
  const previousHome = process.env.SPENDING_HOME;
  let emulator: TrueLayerEmulator;
  let db: string;
  let loopback: string;
  beforeAll(async () => {
    const home = tempDir('cli-bank');
    process.env.SPENDING_HOME = join(home, 'data');
    db = join(home, 'store.sqlite');
    // `bank` commands use a store; only the commands that make one (seed-demo, migrate, import-legacy) create it.
    await (await openStore(db)).close();
    loopback = `http://localhost:${await freePort()}/api/truelayer/callback`;
    emulator = await startTrueLayerEmulator({
      clients: [{ clientId: 'cli-client', clientSecret: SECRET, redirectUris: [loopback] }],
    });
  });
  afterAll(async () => {
    await emulator.close();
    await osKeychain(KEYCHAIN_SERVICE).delete('truelayer-client-secret');
    if (previousHome === undefined) delete process.env.SPENDING_HOME;
    else process.env.SPENDING_HOME = previousHome;
  });

  it('configures, links through the loopback listener, syncs, reports and disconnects', async () => {
    const configured = await cli(
      [
        '--json',
        'bank',
        'configure',
        '--client-id',
        'cli-client',
        '--client-secret-stdin',
        '--environment',
        'custom',
        '--auth-url',
        emulator.authUrl,
        '--data-url',
        emulator.dataUrl,
        '--api-url',
        emulator.apiUrl,
        '--redirect-mode',
        'loopback',
        '--loopback-uri',
        loopback,
      ],
      `${SECRET}\n`,
    );
    expect(configured.code).toBe(0);
    expect(JSON.parse(configured.stdout)).toMatchObject({ hasClientSecret: true, redirectUri: loopback });
    expect(await osKeychain(KEYCHAIN_SERVICE).get('truelayer-client-secret')).toBe(SECRET);

    // The "browser": once the link is printed, log in at the emulator and follow its redirect to the listener.
    let browsed: Promise<unknown> | undefined;
    const linked = await cli(['--db', db, '--json', 'bank', 'link'], undefined, (stderr) => {
      const url = /(http:\/\/127\.0\.0\.1:\d+\/\?\S+)/.exec(stderr)?.[1];
      if (!url || browsed) return;
      browsed = emulator
        .authorize(url, { username: 'john', password: 'doe' })
        .then((redirect) => fetch(redirect.replace('localhost', '127.0.0.1')));
    });
    await browsed;
    expect(linked.code).toBe(0);
    const result = JSON.parse(linked.stdout) as { connectionId: number; report: { accounts: number } };
    expect(result.report.accounts).toBe(3);

    const status = await cli(['--db', db, '--json', 'bank', 'status']);
    const connections = JSON.parse(status.stdout) as { status: string; accounts: unknown[] }[];
    expect(connections).toHaveLength(1);
    expect(connections[0]).toMatchObject({ status: 'active' });
    expect(connections[0]!.accounts).toHaveLength(3);

    const synced = await cli(['--db', db, '--json', 'bank', 'sync']);
    expect(synced.code).toBe(0);
    expect(JSON.parse(synced.stdout)).toMatchObject({ ok: true, reports: [{ transactions: { inserted: 0 } }] });

    // At a terminal, a bar on stderr follows the accounts; stdout has only the result.
    const watched = await cli(['--db', db, 'bank', 'sync'], undefined, undefined, true);
    expect(watched.code).toBe(0);
    expect(watched.stderr).toMatch(/Syncing \[.*\] 3\/3 accounts \| .* \| \d+ transactions/);
    expect(watched.stdout).toMatch(/^Connection \d+: 3 accounts, 0 new, /);

    const log = await cli(['--db', db, '--json', 'bank', 'log', String(result.connectionId), '--limit', '3']);
    const entries = JSON.parse(log.stdout) as { eventType: string }[];
    expect(entries.map((e) => e.eventType)).toEqual(['sync', 'sync', 'sync']);

    const gone = await cli(['--db', db, '--json', 'bank', 'disconnect', String(result.connectionId)]);
    expect(JSON.parse(gone.stdout)).toMatchObject({ ok: true, revoked: true });

    const everything = [configured, linked, status, synced, watched, log, gone]
      .map((r) => r.stdout + r.stderr)
      .join('\n');
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toMatch(/eyJ[A-Za-z0-9_-]+\.eyJ/);
  });
});
