// The built app booted: out/main/index.js (as `npm run build` leaves it) runs in
// its own Node process with the Electron stand-in, against a temporary data
// folder holding a store with demo data, and is driven only through what
// crosses the Electron API (window, protocol, IPC, argv, a second instance) and
// the files in its data folder, so the test holds wherever the store lives.
// The real-Electron specs (e2e/electron.spec.ts) stay for machines with a binary.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore } from '../db/open-store.js';
import { CONTENT_SECURITY_POLICY } from '../main/app-protocol.js';
import { saveConfig } from '../main/services/config/config.js';
import { seedDemo } from '../main/services/demo/seed-demo.js';
import { openKeyFile } from '../main/services/secrets/key-file.js';
import { SecretsService } from '../main/services/secrets/secrets-service.js';
import { keyFilePath } from '../main/services/secrets/security-settings.js';
import { METHOD_NAMES, invokeChannel } from '../preload/contract.js';
import { bootBuiltApp, type BootedApp } from './support/boot-built-app.js';
import { CLIENT, KEY_FILE_PASSPHRASE } from './support/truelayer-harness.js';
import { startTrueLayerEmulator, type TrueLayerEmulator } from './truelayer-emulator/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TRANSACTIONS = 10_000;
const APP_ENTRY = 'app://spending/index.html';
/** A callback whose state no attempt has: the link flow must refuse it, and say so in the window. */
const COLD_START_LINK = 'spending://truelayer/callback?code=cold-start-code-0123456789&state=not-an-attempt';

let dataDir: string;
let emulator: TrueLayerEmulator;
let app: BootedApp;

const records = (kind: string) => app.records.filter((r) => r.kind === kind);

beforeAll(async () => {
  if (!existsSync(join(root, 'out', 'main', 'index.js'))) {
    throw new Error('Build the app first: npx electron-vite build (npm test does)');
  }
  dataDir = await mkdtemp(join(tmpdir(), 'spending-boot-'));
  const store = await openStore(join(dataDir, 'spending.sqlite'));
  await seedDemo(store, { transactions: TRANSACTIONS, seed: 7 });
  await store.close();

  emulator = await startTrueLayerEmulator({
    clients: [{ ...CLIENT, redirectUris: ['spending://truelayer/callback'] }],
  });
  const secrets = new SecretsService(await openKeyFile(keyFilePath(dataDir), KEY_FILE_PASSPHRASE));
  await secrets.setSecret('truelayer-client-secret', CLIENT.clientSecret);
  await saveConfig(dataDir, {
    version: 1,
    secrets: { backend: 'passphrase-file' },
    truelayer: {
      clientId: CLIENT.clientId,
      environment: 'custom',
      custom: { auth: emulator.authUrl, data: emulator.dataUrl, api: emulator.apiUrl },
      redirectMode: 'protocol',
      loopbackUri: 'http://localhost:5000/api/truelayer/callback',
      manualUri: 'https://console.truelayer.com/redirect-page',
      syncIntervalHours: 6,
    },
  });

  app = bootBuiltApp({
    appPath: root,
    dataDir,
    args: [COLD_START_LINK],
    subscribe: ['db:status', 'bank:progress'],
  });
});

afterAll(async () => {
  if (app.child.exitCode === null) app.child.kill('SIGKILL');
  await emulator.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the built app under a stand-in Electron', () => {
  it('creates a hidden, isolated, sandboxed window that loads app://spending/ with the CSP', async () => {
    const loaded = await app.waitFor('did-finish-load');
    expect(loaded.url).toBe(APP_ENTRY);

    const [created, ...more] = records('window-created');
    expect(more).toEqual([]);
    const options = created?.options as { show: boolean; webPreferences: Record<string, unknown> };
    expect(options.show).toBe(false);
    // Electron's security checklist, the renderer's half: no Node, isolation, sandbox, web security.
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: join(root, 'out', 'preload', 'index.cjs'),
    });
    expect(options.webPreferences).not.toHaveProperty('experimentalFeatures');
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(records('enable-sandbox')).toHaveLength(1);

    // The page and everything it loads come from the built renderer through the app:// handler.
    const served = records('served');
    expect(served.map((r) => r.url)).toEqual([
      APP_ENTRY,
      ...[
        ...readFileSync(join(root, 'out', 'renderer', 'index.html'), 'utf8').matchAll(/(?:src|href)="\.\/([^"]+)"/g),
      ].map((m) => `app://spending/${m[1]!}`),
    ]);
    for (const response of served) {
      expect(response).toMatchObject({ status: 200 });
      expect(response.headers).toMatchObject({
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      });
    }
    // Custom scheme, not file://; not CORS-enabled and not exempt from the CSP.
    const [registered] = records('register-schemes');
    expect(registered?.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);

    // The preload ran sandboxed and gave the page window.api only: the contract, nothing of Electron.
    expect(records('preload-error')).toEqual([]);
    expect(records('expose-in-main-world').map((r) => [r.key, r.keys])).toEqual([
      ['api', [...METHOD_NAMES, 'on'].sort()],
    ]);
  });

  it('has a handler for every contract method and answers only the app', async () => {
    expect(records('ipc-handle').map((r) => r.channel)).toEqual(METHOD_NAMES.map(invokeChannel));
    const channel = invokeChannel('getAppInfo');
    for (const frame of ['https://evil.example/', 'file:///etc/passwd', 'app://spending.evil/', null]) {
      expect(await app.command('invoke', channel, frame)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await app.call('getAppInfo')).toMatchObject({
      ok: true,
      value: { store: { dialect: 'sqlite', location: join(dataDir, 'spending.sqlite') } },
    });
  });

  it("shows the last store's first page before any scheduled work, which starts after the first paint", async () => {
    const page = await app.call('listTransactions', {});
    expect(page.ok && page.value.items).toHaveLength(100);
    const served = app.records.find((r) => r.kind === 'page-got-answer' && r.method === 'listTransactions')!;
    const at = (kind: string) => `${app.records.find((r) => r.kind === kind)!.at.toFixed(0)} ms`;
    console.log(
      `Boot of the built app (${TRANSACTIONS.toLocaleString('en-GB')} transactions, SQLite), from process start: ` +
        `ready ${at('ready')}, window created ${at('window-created')}, window loaded ${at('did-finish-load')}, ` +
        `first page served ${served.at.toFixed(0)} ms`,
    );
    await app.waitFor('renderer-event', (r) => r.event === 'db:status');
    expect(await app.call('listBackups')).toEqual({ ok: true, value: [] });
    expect(records('renderer-event').filter((r) => r.event === 'bank:progress')).toEqual([]);

    await app.command('paint');
    await app.waitFor('window-shown');
    // The daily backup is due (there is none yet): it runs now.
    await vi.waitFor(
      async () => {
        const backups = await app.call('listBackups');
        expect(backups.ok && backups.value).toHaveLength(1);
      },
      { timeout: 60_000, interval: 100 },
    );
  });

  it('takes a spending:// callback from argv at a cold start into the link flow, and tells the page', async () => {
    // Sent only once the page listens: a message to a page without listeners is lost.
    const sent = await app.waitFor('send', (r) => r.channel === 'event:bank:progress');
    expect(sent.delivered).toBe(true);
    const failed = await app.waitFor('renderer-event', (r) => r.event === 'bank:progress');
    expect(failed.payload).toEqual({
      phase: 'failed',
      message: 'This answer does not belong to a link Spending started (or it expired).',
      remedy: 'Start linking again from the Accounts page.',
    });
    expect(readFileSync(join(dataDir, 'logs', 'main.log'), 'utf8')).not.toContain('cold-start-code');
  });

  it('a second instance hands its callback to the first and quits; the first links the bank', async () => {
    expect(await app.call('useKeyFile', { passphrase: KEY_FILE_PASSPHRASE })).toMatchObject({ ok: true });
    const started = await app.call('linkBank', {});
    if (!started.ok) throw new Error(started.error.message);
    const [opened] = records('open-external');
    expect(opened?.url).toBe(started.value.url);
    expect(started.value.url.startsWith(`${emulator.authUrl}/`)).toBe(true);
    const redirect = await emulator.authorize(started.value.url, { username: 'john', password: 'doe' });

    const second = bootBuiltApp({ appPath: root, dataDir, args: [redirect] });
    expect(await second.exited).toMatchObject({ code: 0 });
    expect(second.records.find((r) => r.kind === 'single-instance-lock')).toMatchObject({ acquired: false });
    for (const kind of ['ready', 'window-created', 'ipc-handle']) {
      expect(second.records.filter((r) => r.kind === kind)).toEqual([]);
    }

    const handedOver = await app.waitFor('second-instance');
    expect(handedOver.argv).toContain(redirect);
    await app.waitFor('window-focused');
    await app.waitFor(
      'renderer-event',
      (r) => r.event === 'bank:progress' && (r.payload as { phase: string }).phase === 'linked',
    );
    const banks = await app.call('listBankConnections');
    expect(banks.ok && banks.value.map((b) => b.status)).toEqual(['active']);
  });

  it('keeps the page in the app and gives it no permissions (Electron security checklist)', async () => {
    // Navigation and new windows are limited; only https links leave, to the browser.
    expect(await app.command('navigate', 'https://evil.example/')).toBe(false);
    expect(await app.command('navigate', 'file:///etc/passwd')).toBe(false);
    expect(await app.command('navigate', 'app://spending/index.html#/transactions')).toBe(true);
    const before = records('open-external').length;
    expect(await app.command('openWindow', 'https://truelayer.com/help')).toBe('deny');
    expect(await app.command('openWindow', 'http://example.com/')).toBe('deny');
    expect(await app.command('openWindow', 'app://spending/index.html')).toBe('deny');
    expect(
      records('open-external')
        .slice(before)
        .map((r) => r.url),
    ).toEqual(['https://truelayer.com/help']);
    expect(await app.command('attachWebview', 'https://example.com/')).toBe(false);

    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      expect(await app.command('requestPermission', permission)).toBe(false);
      expect(await app.command('checkPermission', permission)).toBe(false);
    }

    // shell.openExternal only with what main built: a page cannot turn the TrueLayer login into file: or smb:.
    const settings = await app.call('getBankSettings');
    if (!settings.ok) throw new Error(settings.error.message);
    for (const host of ['file:///usr/bin/xterm', 'smb://evil.example/share']) {
      const custom = { auth: host, data: emulator.dataUrl, api: emulator.apiUrl };
      expect(await app.call('saveBankSettings', { custom })).toMatchObject({ ok: true });
      expect(await app.call('linkBank', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(
      records('open-external')
        .slice(before)
        .map((r) => r.url),
    ).toEqual(['https://truelayer.com/help']);
  });

  it('quits when its window closes, leaving nothing running and the store closed', async () => {
    await app.command('closeWindow');
    const exit = await app.exited;
    expect(exit.code).toBe(0);
    console.log(`Still active when the app quit (settled by exit): ${exit.resources.join(', ')}`);
    expect(records('terminated')).toHaveLength(1);
    // SQLite deletes the write-ahead log when the last connection closes; the lock goes with the instance.
    expect(existsSync(join(dataDir, 'spending.sqlite-wal'))).toBe(false);
    expect(existsSync(join(dataDir, 'SingletonLock'))).toBe(false);
  });
});
