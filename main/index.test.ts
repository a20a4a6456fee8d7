// Runs the real composition root against a fake Electron: real config, real
// SQLite store, real dispatcher, so the wiring is checked without a binary.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../e2e/support/test-cleanup.js';
import { METHOD_NAMES, invokeChannel } from '../preload/contract.js';

const fake = await vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');
  type Handler = (event: unknown, input?: unknown) => Promise<unknown>;

  class FakeWindow extends EventEmitter {
    static all: FakeWindow[] = [];
    static getAllWindows = () => FakeWindow.all;
    webContents = Object.assign(new EventEmitter(), { send: vi.fn(), isDestroyed: () => false });
    loadURL = vi.fn(() => Promise.resolve());
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = () => false;
    isDestroyed = () => false;
    setBackgroundColor = vi.fn();
    constructor(readonly options: { webPreferences: { preload: string } }) {
      super();
      FakeWindow.all.push(this);
    }
  }

  const paths = new Map<string, string>();
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    setName: vi.fn(),
    setPath: vi.fn((name: string, value: string) => paths.set(name, value)),
    getPath: (name: string) => paths.get(name) ?? '',
    getAppPath: () => process.cwd(),
    getVersion: () => '0.0.0-test',
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    setAsDefaultProtocolClient: vi.fn(() => true),
    whenReady: vi.fn(() => Promise.resolve()),
    quit: vi.fn(),
  });
  const handlers = new Map<string, Handler>();
  return {
    FakeWindow,
    app,
    handlers,
    ipcMain: { handle: vi.fn((channel: string, handler: Handler) => handlers.set(channel, handler)) },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
      },
    },
    dialog: { showMessageBox: vi.fn(() => Promise.resolve({ response: 0 })) },
    shell: { openExternal: vi.fn(), openPath: vi.fn() },
    nativeTheme: Object.assign(new EventEmitter(), { shouldUseDarkColors: false }),
  };
});

vi.mock('electron', () => ({
  app: fake.app,
  BrowserWindow: fake.FakeWindow,
  dialog: fake.dialog,
  ipcMain: fake.ipcMain,
  nativeTheme: fake.nativeTheme,
  protocol: fake.protocol,
  session: fake.session,
  shell: fake.shell,
}));

let home: string;

beforeEach(() => {
  home = tempDir('main');
  vi.stubEnv('SPENDING_HOME', home);
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
  vi.resetModules();
  vi.clearAllMocks();
  fake.handlers.clear();
  fake.FakeWindow.all = [];
  fake.app.removeAllListeners();
});

/** Quits as Electron does (will-quit) and resolves once the app has let go of its data folder. */
async function quit(): Promise<void> {
  const event = { preventDefault: vi.fn() };
  fake.app.emit('will-quit', event);
  // Held back: the app calls quit() again once it has closed everything, never synchronously.
  if (event.preventDefault.mock.calls.length > 0) await quitCalled();
}

function quitCalled(): Promise<void> {
  return new Promise((resolve) => fake.app.quit.mockImplementationOnce(() => resolve()));
}

// Before `home` is removed (test-cleanup.ts, after this hook): the app's start-up backup writes into it,
// and quitting cancels that backup and waits for it.
afterEach(async () => {
  await quit();
  vi.unstubAllEnvs();
});

const appFrame = { senderFrame: { url: 'app://spending/index.html' } };

async function start() {
  await import('./index.js');
  await vi.waitFor(() => expect(fake.FakeWindow.all.length + fake.dialog.showMessageBox.mock.calls.length).toBe(1));
}

describe('main process start-up', () => {
  it('opens the SQLite store in the data folder, wires IPC and loads the app', async () => {
    await start();
    expect(fake.app.setPath).toHaveBeenCalledWith('userData', home);
    expect(fake.protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]).toBeLessThan(
      fake.app.whenReady.mock.invocationCallOrder[0]!,
    );
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    expect(fake.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(fake.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(fake.app.setAsDefaultProtocolClient).not.toHaveBeenCalled();

    expect([...fake.handlers.keys()].sort()).toEqual(METHOD_NAMES.map(invokeChannel).sort());
    const info = await fake.handlers.get(invokeChannel('getAppInfo'))!(appFrame);
    expect(info).toMatchObject({
      ok: true,
      value: { version: '0.0.0-test', store: { dialect: 'sqlite', location: join(home, 'spending.sqlite') } },
    });
    const refused = await fake.handlers.get(invokeChannel('getAppInfo'))!({
      senderFrame: { url: 'https://evil.example/' },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const window = fake.FakeWindow.all[0]!;
    expect(window.loadURL).toHaveBeenCalledWith('app://spending/index.html');
    expect(window.options.webPreferences.preload).toBe(join(process.cwd(), 'out', 'preload', 'index.cjs'));
    window.webContents.emit('did-finish-load');
    await vi.waitFor(() =>
      expect(window.webContents.send).toHaveBeenCalledWith(
        'event:db:status',
        expect.objectContaining({ state: 'ready' }),
      ),
    );
    expect(existsSync(join(home, 'logs', 'main.log'))).toBe(true);
  });

  it('focuses the window when a second instance starts', async () => {
    await start();
    fake.app.emit('second-instance', {}, ['spending', 'spending://oauth?code=secret'], home);
    expect(fake.FakeWindow.all[0]!.focus).toHaveBeenCalled();
  });

  it('closes the store before quitting', async () => {
    await start();
    const quitting = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', quitting);
    expect(quitting.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
    const again = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
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
    fake.app.emit('will-quit', { preventDefault: vi.fn() });
    await quitCalled();
    expect(backupEnded).toHaveBeenCalledOnce();
    expect(closeStore).toHaveBeenCalledOnce();
    expect(backupEnded.mock.invocationCallOrder[0]).toBeLessThan(closeStore.mock.invocationCallOrder[0]!);
    expect(closeStore.mock.invocationCallOrder[0]).toBeLessThan(fake.app.quit.mock.invocationCallOrder.at(-1)!);
  });

  it('explains a store it cannot open instead of crashing, then quits', async () => {
    await writeFile(join(home, 'config.json'), JSON.stringify({ store: { kind: 'mysql' } }));
    await start();
    expect(fake.FakeWindow.all).toHaveLength(0);
    const [options] = fake.dialog.showMessageBox.mock.calls[0] as unknown as [{ message: string; detail: string }];
    expect(options.message).toContain('config.json');
    expect(options.detail).toContain('Fix or delete the file');
    expect(options.detail).toContain(join(home, 'logs', 'main.log'));
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
    expect(fake.handlers.size).toBe(0);
  });

  it('quits at once when another instance already runs', async () => {
    fake.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    await import('./index.js');
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.app.whenReady).not.toHaveBeenCalled();
  });
});
