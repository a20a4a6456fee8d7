// The real desktop app, launched from the build in out/ with a throwaway data
// folder. Needs an Electron binary; where there is none the whole file is
// reported as skipped with the path that was missing.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../main/app-protocol.js';
import { METHOD_NAMES, type Api } from '../preload/contract.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// Mirrors node_modules/electron/index.js without requiring it: that module
// tries to download Electron when the binary is missing.
function findElectron(): { executable: string } | { missing: string } {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { missing: pathFile };
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const executable = join(distDir, readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? { executable } : { missing: executable };
}

const found = findElectron();
test.skip('missing' in found, `No Electron binary: ${'missing' in found ? found.missing : ''} does not exist`);

// One app instance for the whole file: the tests share it in order.
test.describe.configure({ mode: 'serial' });

type AppWindow = Window & { api: Api } & Record<string, unknown>;
const APP_URL = /^app:\/\/spending\//;

let app: ElectronApplication | undefined;
let page: Page;
let home: string | undefined;
const consoleErrors: string[] = [];

test.beforeAll(async () => {
  if (!('executable' in found)) return;
  if (!existsSync(join(root, 'out', 'main', 'index.js'))) throw new Error('Build the app first: npm run build');
  // better-sqlite3 for Electron's ABI; fast when already built, minutes the first time.
  test.setTimeout(15 * 60_000);
  execFileSync(process.execPath, [join(root, 'main', 'dev', 'ensure-electron-native.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });

  home = await mkdtemp(join(tmpdir(), 'spending-electron-'));
  const env = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  delete env.ELECTRON_RENDERER_URL;
  delete env.ELECTRON_RUN_AS_NODE;
  app = await electron.launch({
    executablePath: found.executable,
    args: [root],
    cwd: root,
    env: { ...env, SPENDING_HOME: home },
  });
  page = await app.firstWindow();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  // Reload so the listener sees the whole start-up, CSP reports included.
  await page.reload();
});

test.afterAll(async () => {
  await app?.close();
  if (home) await rm(home, { recursive: true, force: true });
});

test('shows the Transactions page, served from app://spending, without CSP violations', async () => {
  await page.getByRole('link', { name: 'Transactions' }).click();
  await expect(page.getByRole('heading', { name: 'Transactions', level: 1 })).toBeVisible();
  expect(page.url()).toMatch(APP_URL);
  expect(consoleErrors.filter((text) => text.includes('Content Security Policy'))).toEqual([]);
});

test('window.api holds exactly the contract methods and on, and nothing of Node leaks', async () => {
  const exposed = await page.evaluate(() => {
    const w = window as unknown as AppWindow;
    return {
      keys: Object.keys(w.api).sort(),
      allFunctions: Object.values(w.api).every((value) => typeof value === 'function'),
      leaks: ['require', 'process', 'module', 'Buffer', 'ipcRenderer', 'electron'].filter((name) => name in w),
    };
  });
  expect(exposed.keys).toEqual([...METHOD_NAMES, 'on'].sort());
  expect(exposed.allFunctions).toBe(true);
  expect(exposed.leaks).toEqual([]);
});

test('calls reach the store in the data folder', async () => {
  const result = await page.evaluate(() => (window as unknown as AppWindow).api.getAppInfo());
  expect(result).toMatchObject({
    ok: true,
    value: { store: { dialect: 'sqlite', location: join(home!, 'spending.sqlite') } },
  });
});

test('every app:// response carries the CSP', async () => {
  const csp = await page.evaluate(async () => (await fetch('/index.html')).headers.get('content-security-policy'));
  expect(csp).toBe(CONTENT_SECURITY_POLICY);
});

test('the window cannot be navigated or opened elsewhere', async () => {
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  // Not https: an https link would (rightly) open the tester's browser.
  const popups = await page.evaluate(() =>
    ['http://example.com/', 'file:///etc/passwd', 'app://spending/index.html'].map((url) => window.open(url) === null),
  );
  // A blocked navigation leaves no event to wait for; give it time to happen if it were allowed.
  await page.waitForTimeout(1_000);
  expect(page.url()).toMatch(APP_URL);
  expect(popups).toEqual([true, true, true]);
  expect(app!.windows()).toHaveLength(1);
});
