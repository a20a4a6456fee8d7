// A recording stand-in for the `electron` module, for machines where no Electron
// binary can run. It follows Electron's documented behaviour for what Spending
// uses (electron.d.ts and the API docs) and records what the app did, so tests
// can load the real main process (source or the built bundle) against it.
// Used in-process by main/index.test.ts (vi.mock) and in a child process by
// e2e/support/boot-built-app.ts (electron-stand-in-boot.mjs resolves `electron` here).
//
// What it does not pretend: there is no Chromium. A window "loads" a page by
// requesting the document and its scripts and stylesheets through the
// registered protocol handler and running the preload in a vm context; page
// scripts never run. The test says when the renderer painted (ready-to-show).
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, watch, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import vm from 'node:vm';

/** Electron's own name for the lock it keeps in userData (ProcessSingleton). */
const LOCK_FILE = 'SingletonLock';
/** Where a second instance leaves its argv for the first one (Electron uses a socket). */
const SECOND_INSTANCE_DIR = 'SingletonStandInMessages';

function preventable() {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * @param {object} options
 * @param {string} options.appPath what app.getAppPath() returns (the folder with package.json)
 * @param {boolean} [options.isPackaged]
 * @param {(record: object) => void} [options.onRecord] called with every record as it happens
 * @param {(world: Record<string, unknown>, window: object) => void} [options.page] runs where the page's
 *   scripts would, after the preload (e.g. to subscribe to events the preload exposes)
 * @param {(exitCode: number) => void} [options.onTerminate] the process would end here in Electron
 */
export function createElectronStandIn(options) {
  const records = [];
  const record = (kind, details = {}) => {
    const entry = { kind, at: performance.now(), ...details };
    records.push(entry);
    options.onRecord?.(entry);
    return entry;
  };
  const notReady = (what) => {
    if (!state.ready) throw new Error(`${what} can only be used after the app is ready`);
  };

  const state = {
    ready: false,
    terminated: false,
    quitting: false,
    sandbox: false,
    lockFile: undefined,
    watcher: undefined,
    privilegedSchemes: [],
    protocolHandlers: new Map(),
    ipcHandlers: new Map(),
    windows: [],
    permissionRequestHandler: undefined,
    permissionCheckHandler: undefined,
    devicePermissionHandler: undefined,
  };

  const packageJson = () => JSON.parse(readFileSync(join(options.appPath, 'package.json'), 'utf8'));
  let name = packageJson().productName ?? packageJson().name;
  const appData = process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
  const paths = new Map([
    ['home', homedir()],
    ['appData', appData],
    ['temp', tmpdir()],
    ['exe', process.execPath],
  ]);
  const defaultPath = (key) => {
    if (key === 'userData') return join(appData, name);
    if (key === 'sessionData' || key === 'logs' || key === 'crashDumps') return app.getPath('userData');
    return undefined;
  };

  // ---- app ----
  let resolveReady;
  const readyPromise = new Promise((resolve) => (resolveReady = resolve));

  const app = Object.assign(new EventEmitter(), {
    get isPackaged() {
      return options.isPackaged ?? false;
    },
    getAppPath: () => options.appPath,
    getVersion: () => packageJson().version,
    getName: () => name,
    setName(next) {
      name = next;
    },
    getPath(key) {
      const path = paths.get(key) ?? defaultPath(key);
      if (path === undefined) throw new Error(`Failed to get '${key}' path`);
      return path;
    },
    setPath(key, path) {
      if (!paths.has(key) && defaultPath(key) === undefined)
        throw new Error(`Failed to set path: unknown name '${key}'`);
      if (!isAbsolute(path)) throw new Error('Path must be absolute');
      // Documented: "If the path specifies a directory that does not exist, an Error is thrown."
      if (!existsSync(path)) throw new Error(`Failed to set path: ${path} does not exist`);
      if (key === 'sessionData' && state.ready) throw new Error('sessionData must be set before the app is ready');
      paths.set(key, path);
      record('set-path', { name: key, path });
    },
    enableSandbox() {
      if (state.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
      state.sandbox = true;
      record('enable-sandbox');
    },
    isReady: () => state.ready,
    whenReady: () => readyPromise,
    requestSingleInstanceLock(additionalData) {
      if (state.lockFile) return true;
      const userData = app.getPath('userData');
      const lockFile = join(userData, LOCK_FILE);
      mkdirSync(userData, { recursive: true });
      for (;;) {
        try {
          writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
          state.lockFile = lockFile;
          listenForSecondInstances(userData);
          record('single-instance-lock', { acquired: true });
          return true;
        } catch (error) {
          if (error.code !== 'EEXIST') throw error;
          const holder = Number(readFileSync(lockFile, 'utf8'));
          if (pidAlive(holder)) break;
          rmSync(lockFile, { force: true }); // left by a crashed instance
        }
      }
      // A second instance: hand argv to the first, which emits 'second-instance'.
      const inbox = join(userData, SECOND_INSTANCE_DIR);
      mkdirSync(inbox, { recursive: true });
      const message = { argv: process.argv, workingDirectory: process.cwd(), additionalData: additionalData ?? null };
      // Renamed into place, so the first instance never reads half a message.
      writeFileSync(join(inbox, `${process.pid}.tmp`), JSON.stringify(message));
      renameSync(join(inbox, `${process.pid}.tmp`), join(inbox, `${process.pid}.json`));
      record('single-instance-lock', { acquired: false });
      return false;
    },
    hasSingleInstanceLock: () => state.lockFile !== undefined,
    setAsDefaultProtocolClient(scheme) {
      record('default-protocol-client', { scheme });
      return true;
    },
    quit() {
      if (state.terminated || state.quitting) return;
      state.quitting = true;
      // Electron runs the quit sequence from the message loop, never inside the caller.
      setImmediate(runQuit);
    },
    exit(exitCode = 0) {
      terminate(exitCode);
    },
  });

  function listenForSecondInstances(userData) {
    const inbox = join(userData, SECOND_INSTANCE_DIR);
    mkdirSync(inbox, { recursive: true });
    const deliver = () => {
      for (const file of readdirSync(inbox).filter((f) => f.endsWith('.json'))) {
        const path = join(inbox, file);
        const message = JSON.parse(readFileSync(path, 'utf8'));
        rmSync(path);
        record('second-instance', { argv: message.argv, workingDirectory: message.workingDirectory });
        app.emit('second-instance', preventable(), message.argv, message.workingDirectory, message.additionalData);
      }
    };
    state.watcher = watch(inbox, () => state.ready && deliver());
    state.deliverSecondInstances = deliver;
  }

  function runQuit() {
    const before = preventable();
    app.emit('before-quit', before);
    if (before.defaultPrevented) return void (state.quitting = false);
    for (const window of [...state.windows]) {
      if (!window.close({ quitting: true })) return void (state.quitting = false);
    }
    const willQuit = preventable();
    app.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return void (state.quitting = false);
    app.emit('quit', preventable(), 0);
    terminate(0);
  }

  function terminate(exitCode) {
    if (state.terminated) return;
    state.terminated = true;
    state.watcher?.close();
    if (state.lockFile) rmSync(state.lockFile, { force: true });
    record('terminated', { exitCode });
    options.onTerminate?.(exitCode);
  }

  // ---- protocol ----
  const protocol = {
    registerSchemesAsPrivileged(schemes) {
      if (state.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
      state.privilegedSchemes.push(...schemes);
      record('register-schemes', { schemes: structuredClone(schemes) });
    },
    handle(scheme, handler) {
      notReady('protocol.handle');
      if (state.protocolHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
      state.protocolHandlers.set(scheme, handler);
      record('protocol-handle', { scheme });
    },
    unhandle(scheme) {
      state.protocolHandlers.delete(scheme);
    },
    isProtocolHandled: (scheme) => state.protocolHandlers.has(scheme),
  };

  /** A request as the renderer makes it; the handler's Response, recorded with its headers. */
  async function serve(url) {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = state.protocolHandlers.get(scheme);
    if (!handler) {
      record('served', { url, status: 0, error: 'ERR_UNKNOWN_URL_SCHEME' });
      return undefined;
    }
    const response = await handler(new Request(url));
    const body = new Uint8Array(await response.arrayBuffer());
    record('served', {
      url,
      status: response.status,
      headers: Object.fromEntries(response.headers.entries()),
      bytes: body.byteLength,
    });
    return { response, body };
  }

  // ---- ipcMain and the renderer side of IPC ----
  const ipcMain = Object.assign(new EventEmitter(), {
    handle(channel, listener) {
      if (state.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      state.ipcHandlers.set(channel, listener);
      record('ipc-handle', { channel });
    },
    removeHandler(channel) {
      state.ipcHandlers.delete(channel);
    },
  });

  /** ipcRenderer.invoke as Electron does it: arguments and result cross by structured clone, errors by message. */
  function invokeFrom(window, frameUrl, channel, args) {
    const handler = state.ipcHandlers.get(channel);
    if (!handler)
      throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    const event = {
      type: 'frame',
      sender: window.webContents,
      processId: 1,
      frameId: 1,
      senderFrame: frameUrl === null ? null : { url: frameUrl, origin: new URL(frameUrl).origin },
    };
    // Only the message crosses back, as in Electron: the renderer never sees the main process's error object.
    const failed = (error) => Promise.reject(new Error(`Error invoking remote method '${channel}': ${String(error)}`));
    return Promise.resolve()
      .then(() => handler(event, ...structuredClone(args)))
      .then((result) => structuredClone(result), failed);
  }

  /** contextBridge copies values between the worlds; functions become proxies that do the same both ways. */
  function bridged(value) {
    if (typeof value === 'function') {
      return (...args) => {
        const result = value(...args.map(bridged));
        return result && typeof result.then === 'function' ? Promise.resolve(result).then(bridged) : bridged(result);
      };
    }
    if (!hasFunction(value)) return structuredClone(value);
    if (Array.isArray(value)) return value.map(bridged);
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, bridged(v)]));
  }
  const hasFunction = (value) =>
    typeof value === 'function' || (!!value && typeof value === 'object' && Object.values(value).some(hasFunction));

  /** The sandboxed preload: `require` offers only what a sandboxed preload gets from Electron. */
  function runPreload(window, world) {
    const file = window.options.webPreferences?.preload;
    if (!file) return;
    if (!existsSync(file)) {
      // Electron logs "Unable to load preload script" and goes on loading the page without it.
      record('preload-error', { file, error: 'not found' });
      return;
    }
    const renderer = window.renderer;
    const ipcRenderer = {
      invoke: (channel, ...args) => invokeFrom(window, window.url, channel, args),
      on(channel, listener) {
        renderer.listeners.push({ channel, listener });
        return ipcRenderer;
      },
      removeListener(channel, listener) {
        renderer.listeners = renderer.listeners.filter((l) => l.channel !== channel || l.listener !== listener);
        return ipcRenderer;
      },
    };
    const contextBridge = {
      exposeInMainWorld(key, api) {
        world[key] = bridged(api);
        record('expose-in-main-world', { key, keys: Object.keys(api).sort() });
      },
    };
    const sandboxRequire = (id) => {
      if (id === 'electron') return { contextBridge, ipcRenderer };
      throw new Error(`module not found: ${id}`);
    };
    const module = { exports: {} };
    const context = vm.createContext({ console });
    const wrapper = vm.runInContext(
      `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`,
      context,
      { filename: file },
    );
    wrapper(module.exports, sandboxRequire, module, file, dirname(file));
    record('preload-ran', { file });
  }

  // ---- session ----
  const defaultSession = {
    setPermissionRequestHandler(handler) {
      state.permissionRequestHandler = handler;
      record('session-handler', { name: 'permissionRequest' });
    },
    setPermissionCheckHandler(handler) {
      state.permissionCheckHandler = handler;
      record('session-handler', { name: 'permissionCheck' });
    },
    setDevicePermissionHandler(handler) {
      state.devicePermissionHandler = handler;
      record('session-handler', { name: 'devicePermission' });
    },
  };
  const session = {
    get defaultSession() {
      notReady('session.defaultSession');
      return defaultSession;
    },
  };

  // ---- BrowserWindow and webContents ----
  let nextId = 1;
  class WebContents extends EventEmitter {
    constructor(window) {
      super();
      this.window = window;
      this.id = nextId++;
      this.windowOpenHandler = undefined;
      this.destroyed = false;
    }
    setWindowOpenHandler(handler) {
      this.windowOpenHandler = handler;
    }
    isDestroyed() {
      return this.destroyed;
    }
    getURL() {
      return this.window.url ?? '';
    }
    loadURL(url) {
      return this.window.loadURL(url);
    }
    send(channel, ...args) {
      if (this.destroyed) throw new Error('Object has been destroyed');
      const payload = structuredClone(args);
      const listeners = this.window.renderer.listeners.filter((l) => l.channel === channel);
      record('send', { window: this.window.id, channel, args: payload, delivered: listeners.length > 0 });
      // A message crosses to the renderer process: delivered later, never inside send().
      setImmediate(() => {
        for (const { listener } of listeners) listener({ sender: 'ipcRenderer' }, ...structuredClone(payload));
      });
    }
  }

  class BrowserWindow extends EventEmitter {
    static getAllWindows() {
      return [...state.windows];
    }
    static fromWebContents(contents) {
      return state.windows.find((w) => w.webContents === contents) ?? null;
    }

    constructor(windowOptions = {}) {
      super();
      notReady('BrowserWindow');
      this.options = windowOptions;
      this.id = nextId++;
      this.visible = windowOptions.show !== false;
      this.destroyed = false;
      this.url = undefined;
      this.renderer = { world: {}, listeners: [] };
      this.webContents = new WebContents(this);
      state.windows.push(this);
      record('window-created', { window: this.id, options: structuredClone(windowOptions) });
      app.emit('web-contents-created', preventable(), this.webContents);
      app.emit('browser-window-created', preventable(), this);
    }

    /** Resolves at did-finish-load, rejects at did-fail-load, as documented. */
    async loadURL(url) {
      record('load-url', { window: this.id, url });
      this.url = url;
      this.renderer = { world: {}, listeners: [] };
      const fail = (errorCode, errorDescription) => {
        record('did-fail-load', { window: this.id, url, errorCode, errorDescription });
        this.webContents.emit('did-fail-load', preventable(), errorCode, errorDescription, url, true);
        throw new Error(`${errorDescription} (${errorCode}) loading '${url}'`);
      };
      const document = await serve(url);
      if (!document) fail(-302, 'ERR_UNKNOWN_URL_SCHEME');
      if (!document.response.ok) fail(-379, 'ERR_HTTP_RESPONSE_CODE_FAILURE');
      runPreload(this, this.renderer.world);
      const html = new TextDecoder().decode(document.body);
      const assets = [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)]
        .map((match) => new URL(match[1], url).href)
        .filter((asset) => !asset.startsWith('data:'));
      for (const asset of assets) await serve(asset);
      options.page?.(this.renderer.world, this);
      this.webContents.emit('dom-ready', preventable());
      record('did-finish-load', { window: this.id, url });
      this.webContents.emit('did-finish-load', preventable());
    }

    show() {
      if (this.visible) return;
      this.visible = true;
      record('window-shown', { window: this.id });
      this.emit('show', preventable());
    }
    isVisible() {
      return this.visible;
    }
    focus() {
      record('window-focused', { window: this.id });
    }
    isMinimized() {
      return false;
    }
    restore() {}
    setBackgroundColor(color) {
      this.options = { ...this.options, backgroundColor: color };
    }
    isDestroyed() {
      return this.destroyed;
    }
    /** Returns false when a 'close' listener prevented it. */
    close({ quitting = false } = {}) {
      if (this.destroyed) return true;
      const event = preventable();
      this.emit('close', event);
      if (event.defaultPrevented) return false;
      this.destroy();
      if (!quitting && state.windows.length === 0) {
        // Documented: with no listener the app quits; with one, the app decides.
        if (app.listenerCount('window-all-closed') === 0) app.quit();
        else app.emit('window-all-closed', preventable());
      }
      return true;
    }
    destroy() {
      if (this.destroyed) return;
      this.destroyed = true;
      this.webContents.destroyed = true;
      state.windows = state.windows.filter((w) => w !== this);
      record('window-closed', { window: this.id });
      this.emit('closed');
    }
  }

  // ---- dialog, shell, nativeTheme ----
  const dialog = {
    showMessageBox(...args) {
      notReady('dialog');
      const messageOptions = args.at(-1);
      record('dialog', { type: 'messageBox', options: structuredClone(messageOptions) });
      return Promise.resolve({ response: messageOptions.cancelId ?? 0, checkboxChecked: false });
    },
    showOpenDialog(...args) {
      notReady('dialog');
      record('dialog', { type: 'open', options: structuredClone(args.at(-1)) });
      return Promise.resolve({ canceled: true, filePaths: [] });
    },
  };
  const shell = {
    openExternal(url) {
      record('open-external', { url });
      return Promise.resolve();
    },
    openPath(path) {
      record('open-path', { path });
      return Promise.resolve('');
    },
  };
  const nativeTheme = Object.assign(new EventEmitter(), { shouldUseDarkColors: false, themeSource: 'system' });

  const electron = { app, BrowserWindow, dialog, ipcMain, nativeTheme, protocol, session, shell };

  /** What a test does in the place of Chromium, the OS and the user. */
  const control = {
    electron,
    records,
    record,
    state,
    /** Electron emits ready once it has started; the stand-in when told. */
    ready() {
      if (state.ready || state.terminated) return;
      state.ready = true;
      record('ready');
      app.emit('ready', preventable(), {});
      resolveReady();
      state.deliverSecondInstances?.();
    },
    windows: () => [...state.windows],
    /** The renderer painted its first frame. */
    paint(window = state.windows[0]) {
      record('ready-to-show', { window: window.id });
      window.emit('ready-to-show', preventable());
    },
    /** A request from the page, through the registered protocol handler. */
    async fetch(url) {
      const served = await serve(url);
      if (!served) return { status: 0, headers: {}, text: '' };
      return {
        status: served.response.status,
        headers: Object.fromEntries(served.response.headers.entries()),
        text: new TextDecoder().decode(served.body),
      };
    },
    /** window.<key> as the page sees it, e.g. world().api.getAppInfo(). */
    world: (window = state.windows[0]) => window.renderer.world,
    /** ipcRenderer.invoke from a frame at frameUrl (null: a frame that is gone). */
    invoke: (channel, frameUrl, ...args) => invokeFrom(state.windows[0], frameUrl, channel, args),
    ipcChannels: () => [...state.ipcHandlers.keys()],
    protocolSchemes: () => [...state.protocolHandlers.keys()],
    /** The page tries to navigate its main frame; true when the app let it. */
    navigate(url, window = state.windows[0]) {
      const event = Object.assign(preventable(), { url, isMainFrame: true, isSameDocument: false });
      window.webContents.emit('will-frame-navigate', event);
      record('navigation', { url, allowed: !event.defaultPrevented });
      return !event.defaultPrevented;
    },
    /** window.open(url) in the page: what the app's window-open handler answered. */
    openWindow(url, window = state.windows[0]) {
      const answer = window.webContents.windowOpenHandler?.({
        url,
        frameName: '',
        features: '',
        disposition: 'new-window',
        referrer: { url: window.url ?? '', policy: 'strict-origin-when-cross-origin' },
      }) ?? { action: 'allow' };
      record('window-open', { url, action: answer.action });
      return answer.action;
    },
    /** A <webview> in the page; true when the app let it attach. */
    attachWebview(src, window = state.windows[0]) {
      const event = preventable();
      window.webContents.emit('will-attach-webview', event, {}, { src });
      return !event.defaultPrevented;
    },
    /** A page asking for a permission; resolves with what the app answered (no handler: granted). */
    requestPermission(permission, window = state.windows[0]) {
      return new Promise((resolve) => {
        if (!state.permissionRequestHandler) return resolve(true);
        state.permissionRequestHandler(window.webContents, permission, resolve, { requestingUrl: window.url });
      });
    },
    checkPermission(permission, window = state.windows[0]) {
      return state.permissionCheckHandler?.(window.webContents, permission, new URL(window.url).origin, {}) ?? true;
    },
    /** The user closes the window. */
    closeWindow: (window = state.windows[0]) => window.close(),
    terminate,
  };
  return control;
}
