import { describe, expect, it, vi } from 'vitest';
import type { Logger } from './log.js';

const fake = await vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');
  class FakeWindow extends EventEmitter {
    static last: FakeWindow | undefined;
    show = vi.fn();
    setBackgroundColor = vi.fn();
    isDestroyed = () => false;
    loadURL = vi.fn(() => fake.load);
    constructor(readonly options: unknown) {
      super();
      FakeWindow.last = this;
    }
  }
  const nativeTheme = Object.assign(new EventEmitter(), { shouldUseDarkColors: false });
  return { FakeWindow, nativeTheme, load: Promise.resolve() };
});

vi.mock('electron', () => ({ BrowserWindow: fake.FakeWindow, nativeTheme: fake.nativeTheme }));

const { createMainWindow, mainWindowOptions } = await import('./window.js');
const log: Logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

describe('mainWindowOptions', () => {
  it('isolates and sandboxes the renderer, with the bundled preload', () => {
    const { webPreferences } = mainWindowOptions('/app/out/preload/index.cjs');
    expect(webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('stays hidden until painted, on a background that matches the system theme', () => {
    fake.nativeTheme.shouldUseDarkColors = true;
    const dark = mainWindowOptions('p');
    fake.nativeTheme.shouldUseDarkColors = false;
    const light = mainWindowOptions('p');
    expect(dark.show).toBe(false);
    expect(dark.backgroundColor).not.toBe(light.backgroundColor);
    expect(light.minWidth).toBeLessThanOrEqual(light.width!);
    expect(light.minHeight).toBeLessThanOrEqual(light.height!);
  });
});

describe('createMainWindow', () => {
  it('loads the app, shows on ready-to-show and follows theme changes until closed', () => {
    createMainWindow('app://spending/index.html', 'p', log);
    const window = fake.FakeWindow.last!;
    expect(window.loadURL).toHaveBeenCalledWith('app://spending/index.html');
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledTimes(1);

    fake.nativeTheme.shouldUseDarkColors = true;
    fake.nativeTheme.emit('updated');
    expect(window.setBackgroundColor).toHaveBeenCalledTimes(1);
    window.emit('closed');
    fake.nativeTheme.emit('updated');
    expect(window.setBackgroundColor).toHaveBeenCalledTimes(1);
    expect(fake.nativeTheme.listenerCount('updated')).toBe(0);
  });

  it('logs a failed load and still shows the window', async () => {
    fake.load = Promise.reject(new Error('ERR_FILE_NOT_FOUND'));
    createMainWindow('app://spending/index.html', 'p', log);
    const window = fake.FakeWindow.last!;
    await vi.waitFor(() => expect(window.show).toHaveBeenCalled());
    expect(log.error).toHaveBeenCalledWith('The window could not load the app', expect.any(Error));
  });
});
