// Runs the real composition root against the Electron stand-in (the same one
// the boot test of the built app uses): real config, real SQLite store, real
// dispatcher, so the wiring is checked without a binary.
import type { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createElectronStandIn, type ElectronStandIn } from '../e2e/support/electron-stand-in.mjs';
import { tempDir } from '../e2e/support/test-cleanup.js';
import { METHOD_NAMES, invokeChannel } from '../preload/contract.js';

const current = vi.hoisted(() => ({ standIn: undefined as unknown as ElectronStandIn }));
vi.mock('electron', () => {
  const exports = {};
  for (const name of ['app', 'BrowserWindow', 'dialog', 'ipcMain', 'nativeTheme', 'protocol', 'session', 'shell']) {
    Object.defineProperty(exports, name, {
      enumerable: true,
      get: () => current.standIn.electron[name as keyof ElectronStandIn['electron']],
    });
  }
  return exports;
});

let home: string;
let appPath: string;
let standIn: ElectronStandIn;
/** tsx, which runs the store workers from source here, keeps its compile cache under TMPDIR: one for this file. */
let tsxCache: string;
beforeAll(() => {
  tsxCache = tempDir('tsx');
});

beforeEach(async () => {
  home = tempDir('main');
  // The app folder: its package.json and a built renderer page; no preload, so the page gets no API.
  appPath = tempDir('app');
  await writeFile(join(appPath, 'package.json'), JSON.stringify({ name: 'spending', version: '0.0.0-test' }));
  await mkdir(join(appPath, 'out', 'renderer'), { recursive: true });
  await writeFile(join(appPath, 'out', 'renderer', 'index.html'), '<!doctype html><title>Spending</title>');
  vi.stubEnv('SPENDING_HOME', home);
  vi.stubEnv('TMPDIR', tsxCache);
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
  vi.resetModules();
  standIn = createElectronStandIn({ appPath });
  current.standIn = standIn;
});

// Before `home` is removed (test-cleanup.ts, after this hook): the app's start-up backup writes into it,
// and quitting cancels that backup and waits for it.
afterEach(async () => {
  if (!terminated()) {
    (standIn.electron.app as { quit(): void }).quit();
    await vi.waitFor(() => expect(terminated()).toBe(true), { timeout: 30_000 });
  }
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const kinds = () => standIn.records.map((r) => r.kind);
const terminated = () => kinds().includes('terminated');
const appFrame = 'app://spending/index.html';

/** Loads main/index.ts, lets the stand-in become ready, waits for the window or the error dialog. */
async function start() {
  await import('./index.js');
  setImmediate(() => standIn.ready());
  await vi.waitFor(() => expect(kinds().some((k) => k === 'did-finish-load' || k === 'dialog')).toBe(true));
}

describe('main process start-up', () => {
  it('opens the SQLite store in the data folder, wires IPC and loads the app', async () => {
    await start();
    const app = standIn.electron.app as { getPath(name: string): string };
    expect(app.getPath('userData')).toBe(home);
    expect(app.getPath('sessionData')).toBe(join(home, 'session'));
    // The stand-in throws when these happen on the wrong side of ready, as Electron does.
    expect(kinds().indexOf('register-schemes')).toBeLessThan(kinds().indexOf('ready'));
    expect(kinds()).toContain('enable-sandbox');
    expect(standIn.protocolSchemes()).toEqual(['app']);
    expect(await standIn.requestPermission('media')).toBe(false);
    expect(kinds()).not.toContain('default-protocol-client');

    expect(standIn.ipcChannels().sort()).toEqual(METHOD_NAMES.map(invokeChannel).sort());
    expect(await standIn.invoke(invokeChannel('getAppInfo'), appFrame)).toMatchObject({
      ok: true,
      value: { version: '0.0.0-test', store: { dialect: 'sqlite', location: join(home, 'spending.sqlite') } },
    });
    expect(await standIn.invoke(invokeChannel('getAppInfo'), 'https://evil.example/')).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    const [window] = standIn.windows();
    expect(window!.url).toBe('app://spending/index.html');
    expect(window!.options.webPreferences!.preload).toBe(join(appPath, 'out', 'preload', 'index.cjs'));
    await vi.waitFor(() =>
      expect(standIn.records).toContainEqual(
        expect.objectContaining({
          kind: 'send',
          channel: 'event:db:status',
          args: [expect.objectContaining({ state: 'ready' })],
        }),
      ),
    );
    expect(existsSync(join(home, 'logs', 'main.log'))).toBe(true);
  });

  it('starts scheduled backups and bank syncs only once the window has painted', async () => {
    const { DatabaseService } = await import('./services/database/database-service.js');
    const scheduledBackup = vi.spyOn(DatabaseService.prototype, 'scheduledBackup');
    await start();
    expect(await standIn.invoke(invokeChannel('listTransactions'), appFrame, {})).toMatchObject({ ok: true });
    expect(scheduledBackup).not.toHaveBeenCalled();

    standIn.paint();
    expect(standIn.windows()[0]!.isVisible()).toBe(true);
    expect(scheduledBackup).toHaveBeenCalledTimes(1);
  });

  it('focuses the window when a second instance starts', async () => {
    await start();
    (standIn.electron.app as EventEmitter).emit('second-instance', {}, ['spending', 'spending://oauth?code=x'], home);
    expect(kinds()).toContain('window-focused');
  });

  it('closes the store before quitting, and quits', async () => {
    await start();
    expect(existsSync(join(home, 'spending.sqlite-wal'))).toBe(true);
    (standIn.electron.app as { quit(): void }).quit();
    await vi.waitFor(() => expect(terminated()).toBe(true), { timeout: 30_000 });
    // SQLite removes the write-ahead log when the last connection closes.
    expect(existsSync(join(home, 'spending.sqlite-wal'))).toBe(false);
    expect(kinds().filter((k) => k === 'window-closed')).toHaveLength(1);
  });

  it('cancels the start-up backup and waits for it to end before it closes the store and quits', async () => {
    const { DatabaseService } = await import('./services/database/database-service.js');
    const { SqlStore } = await import('../db/sql-store.js');
    const backupEnded = vi.fn();
    // A backup still under way when the user quits (a big store): it ends only when cancelled.
    vi.spyOn(DatabaseService.prototype, 'scheduledBackup').mockImplementation(
      (_now, options) =>
        new Promise((_resolve, reject) => {
          options?.signal?.addEventListener('abort', () => {
            backupEnded();
            reject(new Error('cancelled'));
          });
        }),
    );
    const closeStore = vi.spyOn(SqlStore.prototype, 'close');
    await start();
    standIn.paint();
    (standIn.electron.app as { quit(): void }).quit();
    await vi.waitFor(() => expect(terminated()).toBe(true), { timeout: 30_000 });
    expect(backupEnded).toHaveBeenCalledOnce();
    expect(closeStore).toHaveBeenCalledOnce();
    expect(backupEnded.mock.invocationCallOrder[0]).toBeLessThan(closeStore.mock.invocationCallOrder[0]!);
  });

  it('explains a store it cannot open instead of crashing, then quits', async () => {
    await writeFile(join(home, 'config.json'), JSON.stringify({ store: { kind: 'mysql' } }));
    await start();
    expect(standIn.windows()).toHaveLength(0);
    const dialog = standIn.records.find((r) => r.kind === 'dialog') as unknown as {
      options: { message: string; detail: string };
    };
    expect(dialog.options.message).toContain('config.json');
    expect(dialog.options.detail).toContain('Fix or delete the file');
    expect(dialog.options.detail).toContain(join(home, 'logs', 'main.log'));
    await vi.waitFor(() => expect(terminated()).toBe(true), { timeout: 30_000 });
    expect(standIn.ipcChannels()).toHaveLength(0);
  });

  it('quits at once when another instance already runs', async () => {
    // The lock Electron keeps in userData, held by a live process (this one).
    await writeFile(join(home, 'SingletonLock'), String(process.pid));
    await import('./index.js');
    setImmediate(() => standIn.ready());
    await vi.waitFor(() => expect(terminated()).toBe(true), { timeout: 30_000 });
    expect(kinds()).not.toContain('ready');
    expect(kinds()).not.toContain('window-created');
  });
});
