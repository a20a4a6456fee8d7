// Composition root of the desktop app: paths, logging, security, the store,
// IPC and the window. Logic lives in the modules it wires together.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import { AppError } from '../db/errors.js';
import { openStore, type StoreTarget } from '../db/open-store.js';
import { ensurePrivateDir } from '../db/private-files.js';
import type { Store } from '../db/store.js';
import { registerAppScheme, serveAppScheme } from './app-protocol.js';
import type { EventName, EventPayload } from '../preload/contract.js';
import { createDispatcher } from './ipc/dispatch.js';
import { emit, registerIpc } from './ipc/electron-ipc.js';
import { bankFailureEvent, bankProgressEvent } from './ipc/bank-handlers.js';
import { createHandlers } from './ipc/handlers.js';
import { createFileLogger, redact } from './log.js';
import { routeStoreMethods, startStoreWorkers, type StoreWorkers } from './worker/store-workers.js';
import { applySecurity, openInBrowser } from './security.js';
import { APP_NAME, configFile, userDataDir } from './services/config/app-paths.js';
import { activeStore, loadConfig, mayCreateActiveStore, type Config } from './services/config/config.js';
import { scheduleBackups } from './services/backups/backup-schedule.js';
import { DatabaseService } from './services/database/database-service.js';
import { legacyImportHooks } from './services/database/legacy-import-hooks.js';
import { MoveService } from './services/database/move-service.js';
import { storeTarget } from './services/postgres/postgres-service.js';
import type { PostgresProvider } from './services/postgres/types.js';
import type { SecretsService } from './services/secrets/secrets-service.js';
import { SecuritySettings, secretsFromConfig } from './services/secrets/security-settings.js';
import { startLiveRefresh, type LiveRefresh } from './services/live/live-refresh.js';
import { scheduleBackgroundSync } from './services/truelayer/background-sync.js';
import { TrueLayerService } from './services/truelayer/truelayer-service.js';
import { DEEP_LINK_SCHEME, findDeepLink, rendererEntryUrl } from './trusted-url.js';
import { createMainWindow } from './window.js';
import { handleDeepLink } from './deep-links.js';

// A packaged app must never load or trust a dev server, whatever the environment says.
if (app.isPackaged) delete process.env.ELECTRON_RENDERER_URL;

// The CLI finds the same folder through userDataDir() without loading Electron.
const dataDir = userDataDir();
// Chromium's caches and storage stay out of the folder users back up and browse.
const sessionDir = join(dataDir, 'session');
// app.setPath is documented to throw for a folder that does not exist yet, as on a first start.
mkdirSync(sessionDir, { recursive: true });
app.setName(APP_NAME);
app.setPath('userData', dataDir);
app.setPath('sessionData', sessionDir);

const logFile = join(dataDir, 'logs', 'main.log');
const log = createFileLogger(logFile, { echo: !app.isPackaged });
const outDir = join(app.getAppPath(), 'out');

registerAppScheme(protocol);
app.enableSandbox();

let mainWindow: BrowserWindow | undefined;
let store: Store | undefined;
/** The threads that answer the store methods, each on a connection of its own. */
let workers: StoreWorkers | undefined;
const startedHere: PostgresProvider[] = [];
/** Hears other computers' writes to a shared PostgreSQL store; none for SQLite. */
let live: LiveRefresh | undefined;

/** Work under way on the store (a backup, a bank sync): cancelled and waited for before the store closes. */
const stopBeforeClosing: (() => Promise<unknown>)[] = [];

let truelayer: TrueLayerService | undefined;
/** Set when the window first shows: from then on its page listens for events. */
let windowShown = false;
/** A link that arrived before that (a cold start from the browser's redirect). */
let earlyDeepLink: string | undefined;

/**
 * spending:// links from the OS; see deep-links.ts. The outcome reaches the user as an
 * event, which a page that is not listening yet would lose, so until then the link waits.
 */
function onDeepLink(url: string | undefined): void {
  if (!url) return;
  if (!truelayer || !windowShown) {
    earlyDeepLink = url;
    return;
  }
  void handleDeepLink(url, {
    truelayer,
    onFailure: (error) => emitToWindow('bank:progress', bankFailureEvent(error)),
    warn: (message) => log.warn(message),
  });
}

function emitToWindow<E extends EventName>(event: E, payload: EventPayload<E>): void {
  if (mainWindow && !mainWindow.isDestroyed()) emit(mainWindow.webContents, event, payload);
}

/** Live refresh never stops the app: without it the pages refresh as before, on the user's own changes. */
async function listenForChanges(target: StoreTarget): Promise<void> {
  const previous = live;
  live = undefined;
  await previous?.close();
  live = await startLiveRefresh(target, {
    emit: (payload) => emitToWindow('store:changed', payload),
    log,
  }).catch((error: unknown) => {
    log.warn('Could not listen for changes from other computers; pages refresh on this computer’s changes only', error);
    return undefined;
  });
}

function focusMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

// main/dev/ensure-electron-native.mjs writes this Electron-ABI build for `npm start`; packaged
// apps need none because electron-builder rebuilds better-sqlite3 for Electron.
function devNativeBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const file = join(app.getAppPath(), 'node_modules', '.spending-electron-native', 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}

async function openActiveStore(
  config: Config,
  secrets: SecretsService,
): Promise<{ opened: Store; target: StoreTarget }> {
  const setting = activeStore(dataDir, config);
  const target = await storeTarget(
    setting,
    { dataDir, config, secrets },
    // An embedded server the app started is the app's to stop; Docker's keeps running like any container.
    { onStarted: (provider) => provider.kind === 'embedded' && startedHere.push(provider) },
  );
  const nativeBinding = target.kind === 'sqlite' ? devNativeBinding() : undefined;
  try {
    const opened = await openStore(target, {
      mustExist: !mayCreateActiveStore(config),
      ...(nativeBinding ? { nativeBinding } : {}),
    });
    return { opened, target };
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found' && setting.kind === 'sqlite')
      throw new AppError(
        'not_found',
        `The store Spending is set to use, ${setting.path}, is not there: it was moved or deleted, or its drive is not connected.`,
        `Put the file back (or connect its drive) and start Spending again. To start afresh with a new, empty store instead, remove "store" from ${configFile(dataDir)}.`,
      );
    throw error;
  }
}

function describeStartupError(error: unknown): { message: string; detail: string } {
  const logHint = `The log ${logFile} has the details.`;
  if (error instanceof AppError) {
    return { message: error.message, detail: [error.remedy, logHint].filter(Boolean).join('\n\n') };
  }
  const reason = redact(error instanceof Error ? error.message : String(error));
  const abiHint = reason.includes('NODE_MODULE_VERSION')
    ? 'better-sqlite3 is built for Node, not Electron: run `node main/dev/ensure-electron-native.mjs` (npm start does).'
    : undefined;
  return {
    message: 'Spending could not start.',
    detail: [reason, abiHint ?? 'Try again; if it keeps happening, report the problem.', logHint].join('\n\n'),
  };
}

async function failStartup(error: unknown): Promise<void> {
  log.error('Startup failed', error);
  const { message, detail } = describeStartupError(error);
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: APP_NAME,
    message,
    detail,
    buttons: ['Quit', 'Open Data Folder'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  });
  if (response === 1) await shell.openPath(dataDir);
  app.quit();
}

/** The system's file picker; hidden files shown, since the old app's settings live in `.env`. */
async function chooseFile(title: string): Promise<string | null> {
  const options = { title, properties: ['openFile', 'showHiddenFiles'] as ('openFile' | 'showHiddenFiles')[] };
  const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

function openMainWindow(opened: Store): BrowserWindow {
  const window = createMainWindow(rendererEntryUrl(), join(outDir, 'preload', 'index.cjs'), log);
  window.webContents.on('did-finish-load', () => {
    opened
      .info()
      .then((info) => emit(window.webContents, 'db:status', { state: 'ready', store: info }))
      .catch((error: unknown) => log.error('Could not report the store status', error));
  });
  mainWindow = window;
  return window;
}

async function onReady(): Promise<void> {
  // Earlier versions left this folder readable by other users of the computer.
  ensurePrivateDir(dataDir);
  applySecurity({ app, session: session.defaultSession, shell, log });
  serveAppScheme(protocol, join(outDir, 'renderer'));
  log.info(`${APP_NAME} ${app.getVersion()} on Electron ${process.versions.electron}, data in ${dataDir}`);

  const config = await loadConfig(dataDir);
  const secrets = secretsFromConfig(config);
  const { opened, target } = await openActiveStore(config, secrets);
  store = opened;
  log.info(`Opened the store at ${(await opened.info()).location}`);
  const nativeBinding = devNativeBinding();
  // The main thread keeps its own connection for the services still running here (bank syncs, backups, key rotation).
  const storeWorkers = startStoreWorkers({
    target,
    appVersion: app.getVersion(),
    ...(nativeBinding && target.kind === 'sqlite' ? { nativeBinding } : {}),
    onError: (message, error) => log.error(message, error),
  });
  workers = storeWorkers;
  // Each call says so too; the log keeps the details.
  storeWorkers.ready.catch((error: unknown) => log.error('The store workers could not open the store', error));
  void listenForChanges(target);

  // A key rotation cut short by a crash is finished before anything else reads tokens.
  const resuming = secrets.resumeRotation(opened).then(
    (resumed) => resumed && log.info('Finished an interrupted key rotation'),
    (error: unknown) => log.warn('Could not check for an interrupted key rotation', error),
  );
  stopBeforeClosing.push(() => resuming);
  const current = (): Store => {
    if (!store) throw new AppError('unavailable', 'The store is closed.');
    return store;
  };
  const security = new SecuritySettings(dataDir, secrets, current, chooseFile);
  const bankService = new TrueLayerService({
    dataDir,
    secrets,
    store: current,
    emit: (progress) => emitToWindow('bank:progress', bankProgressEvent(progress)),
    log,
  });
  truelayer = bankService;
  const database = new DatabaseService({ dataDir, secrets, ...(nativeBinding ? { nativeBinding } : {}) });
  const handlers = createHandlers({
    store: current,
    appVersion: app.getVersion(),
    security,
    database: {
      dataDir,
      database,
      move: new MoveService(
        dataDir,
        database,
        async () => ({ dataDir, config: await loadConfig(dataDir), secrets }),
        () => legacyImportHooks(dataDir, secrets),
        storeWorkers.runJob,
      ),
      secrets,
      emit: emitToWindow,
      chooseFile,
      reopenStore: async () => {
        const { opened: next, target: nextTarget } = await openActiveStore(await loadConfig(dataDir), secrets);
        try {
          await workers?.reopen(nextTarget);
        } catch (error) {
          await next.close();
          throw error;
        }
        const previous = store;
        store = next;
        await previous?.close();
        await listenForChanges(nextTarget);
        log.info(`Switched to the store at ${(await next.info()).location}`);
        emitToWindow('db:status', { state: 'ready', store: await next.info() });
      },
    },
    bank: {
      service: bankService,
      emit: (payload) => emitToWindow('bank:progress', payload),
      openExternal: (url) => openInBrowser(shell, url),
    },
    imports: { chooseFile, emit: (payload) => emitToWindow('import:progress', payload) },
  });
  const local = createDispatcher(handlers, {
    onInternalError: (method, error) => log.error(`${method} failed`, error),
  });
  registerIpc(ipcMain, routeStoreMethods(storeWorkers, local), log);
  // Backups and bank syncs start after the first paint, so the first page never queues behind them.
  openMainWindow(current()).once('show', () => {
    windowShown = true;
    const backups = scheduleBackups(database, log);
    const backgroundSync = scheduleBackgroundSync(bankService, log);
    stopBeforeClosing.push(
      () => backups.stop(),
      () => backgroundSync.stop(),
    );
    const link = earlyDeepLink;
    earlyDeepLink = undefined;
    onDeepLink(link);
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow(current());
  });
}

function start(): void {
  process.on('unhandledRejection', (reason) => log.error('Unhandled promise rejection', reason));

  app.on('second-instance', (_event, argv) => {
    focusMainWindow();
    onDeepLink(findDeepLink(argv));
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    onDeepLink(url);
  });
  onDeepLink(findDeepLink(process.argv));
  // Only installed builds claim spending:// system-wide; dev and test runs must not rewire the OS.
  if (app.isPackaged) {
    const claimed = app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME); // eng-disable PROTOCOL_HANDLER_JS_CHECK: the links are untrusted input, only a TrueLayer callback matching a pending attempt is taken (deep-links.ts)
    if (!claimed) log.warn(`Could not register ${DEEP_LINK_SCHEME}:// links with the system`);
  }

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', (event) => {
    const closing = store;
    if (!closing) return;
    const closingWorkers = workers;
    store = undefined;
    workers = undefined;
    event.preventDefault();
    const closingLive = live;
    live = undefined;
    void Promise.allSettled([...stopBeforeClosing.map((stop) => stop()), closingLive?.close()])
      .then(() => Promise.all([closing.close(), closingWorkers?.close()]))
      .catch((error: unknown) => log.error('Closing the store failed', error))
      .then(() => Promise.allSettled(startedHere.map((server) => server.stop())))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(onReady)
    .catch((error: unknown) => failStartup(error));
}

if (app.requestSingleInstanceLock()) start();
else app.quit();
