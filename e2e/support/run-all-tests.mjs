#!/usr/bin/env node
// `npm test`: every test tier, each starting the services it needs, then one
// summary ending in "N passed, N failed". A tier whose prerequisite is missing
// says so and is skipped on a laptop; under CI=true it counts as a failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const results = [];

/** `1 min 5 s` or `40 s`: how long a tier took, for the summary. */
function took(started) {
  const seconds = Math.round((Date.now() - started) / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function cannotRun(tier, reason) {
  console.log(`\n${tier}: did not run: ${reason}`);
  results.push({
    tier,
    passed: 0,
    failed: ci ? 1 : 0,
    skipped: 0,
    note: ci ? `FAILED under CI: ${reason}` : `not run: ${reason}`,
  });
}

mkdirSync('test-results', { recursive: true });

function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => existsSync(join(dir, command)));
}

// The same checks as dockerdUnavailableReason() in e2e/support/dockerd.ts (this runner cannot import .ts).
function findProgram(name) {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin', '/usr/bin'];
  return dirs.some((dir) => dir && existsSync(join(dir, name)));
}

function dockerdUnavailableReason() {
  if (process.platform !== 'linux') return `a private dockerd runs on Linux only, not ${process.platform}`;
  if (process.getuid?.() !== 0) return 'starting a private dockerd needs root';
  const missing = ['dockerd', 'containerd', 'runc', 'docker'].filter((name) => !findProgram(name));
  if (missing.length) return `${missing.join(', ')} not installed (apt-get install docker.io)`;
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root).filter((m) => /^\d+$/.test(m) && existsSync(join(root, m, 'bin', 'postgres')))
    : [];
  if (!majors.length)
    return 'no /usr/lib/postgresql/<major>/bin/postgres to build the image from (apt-get install postgresql)';
  return undefined;
}

function vitestTier(tier, reportFile, command, args, env) {
  const started = Date.now();
  const status = run(command, args, env);
  const report = readJson(reportFile);
  if (!report) return cannotRun(tier, `vitest exited with ${status} and wrote no report`);
  const failed = report.numFailedTests + (status !== 0 && report.numFailedTests === 0 ? 1 : 0);
  results.push({
    tier,
    passed: report.numPassedTests,
    failed,
    skipped: report.numPendingTests + report.numTodoTests,
    took: took(started),
  });
}

// Some tests run the `spending` command as a separate process (kill -9 trials, another user's
// permissions), so the bundle must match the source.
if (run('npm', ['run', '--silent', 'build:cli']) !== 0)
  cannotRun('Tier 1 unit/integration (vitest)', 'the CLI did not build');

// Tier 1: unit and integration (vitest), against SQLite files and a real PostgreSQL.
vitestTier('Tier 1 unit/integration (vitest)', 'test-results/vitest.json', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/vitest.json',
]);

// Tier 1b: the desktop shell without an Electron binary: the built main process booted under the
// Electron stand-in, the package electron-builder makes (from a stand-in Electron distribution),
// and Electronegativity over main/, preload/ and renderer/. Built first so the bundles match the source.
{
  const tier = 'Tier 1b desktop shell (built app booted, package check, Electronegativity)';
  if (run('npx', ['electron-vite', 'build', '--logLevel', 'warn']) !== 0) cannotRun(tier, 'the app did not build');
  else {
    vitestTier(tier, 'test-results/vitest-shell.json', 'npx', [
      'vitest',
      'run',
      '--config',
      'vitest.shell.config.ts',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/vitest-shell.json',
    ]);
  }
}

// Tier 2: PostgreSQL in Docker, on a private dockerd the tier starts (no bridge, no iptables)
// with an image built from this machine's PostgreSQL; see e2e/support/dockerd.ts.
{
  const tier = 'Tier 2 Docker provider (private dockerd, local PostgreSQL image)';
  const reason = dockerdUnavailableReason();
  if (reason) cannotRun(tier, reason);
  else {
    vitestTier(tier, 'test-results/vitest-docker.json', 'npx', [
      'vitest',
      'run',
      '--config',
      'vitest.docker.config.ts',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/vitest-docker.json',
    ]);
  }
}

// Tier 3: the OS keychain, a real Secret Service (gnome-keyring) in its own D-Bus session.
{
  const tier = 'Tier 3 OS keychain (gnome-keyring over D-Bus)';
  const missing = ['dbus-run-session', 'gnome-keyring-daemon'].filter((c) => !onPath(c));
  if (process.platform !== 'linux') {
    cannotRun(
      tier,
      `it runs against gnome-keyring on Linux; on ${process.platform} it would write to your own keychain`,
    );
  } else if (missing.length) {
    cannotRun(tier, `${missing.join(' and ')} not installed (apt-get install gnome-keyring dbus-x11)`);
  } else {
    const vitest =
      'npx vitest run --config vitest.keychain.config.ts --reporter=default --reporter=json --outputFile.json=test-results/vitest-keychain.json';
    // The keyring the tier's gnome-keyring keeps; gone with the tier.
    const keyring = mkdtempSync(join(tmpdir(), 'spending-keyring-'));
    vitestTier(
      tier,
      'test-results/vitest-keychain.json',
      'dbus-run-session',
      [
        '--',
        'sh',
        '-c',
        `echo -n spending-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && ${vitest}`,
      ],
      { XDG_DATA_HOME: keyring },
    );
    rmSync(keyring, { recursive: true, force: true });
  }
}

// Tiers 4 and 5: UI in Chromium against real stores; real Electron where a binary exists.
{
  const tier = 'Tiers 4-5 UI in Chromium, real Electron (Playwright)';
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const started = Date.now();
  if (!existsSync(chromium) && !process.env.PLAYWRIGHT_BROWSERS_PATH) {
    cannotRun(tier, `no Chromium at ${chromium} (install Debian's chromium or set CHROMIUM_PATH)`);
  } else if (run('npx', ['vite', 'build', '--logLevel', 'warn', '-c', 'renderer/vite.config.ts']) !== 0) {
    cannotRun(tier, 'the renderer did not build');
  } else {
    const status = run('npx', ['playwright', 'test']);
    const report = readJson('test-results/playwright.json');
    if (!report) cannotRun(tier, `playwright exited with ${status} and wrote no report`);
    else {
      const s = report.stats;
      const skippedNotes = [];
      const collect = (suite) => {
        for (const spec of suite.specs ?? [])
          for (const t of spec.tests ?? [])
            for (const a of t.annotations ?? [])
              if (a.type === 'skip' && a.description) skippedNotes.push(`${t.projectName}: ${a.description}`);
        for (const child of suite.suites ?? []) collect(child);
      };
      for (const suite of report.suites ?? []) collect(suite);
      results.push({
        tier,
        passed: s.expected + s.flaky,
        failed: s.unexpected + (status !== 0 && s.unexpected === 0 ? 1 : 0),
        skipped: s.skipped,
        took: took(started),
        note: [...new Set(skippedNotes)].map((n) => `skipped: ${n}`).join('; ') || undefined,
      });
    }
  }
}

console.log('\nTest tiers');
for (const r of results) {
  console.log(
    `- ${r.tier}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${r.took ? ` in ${r.took}` : ''}${r.note ? ` (${r.note})` : ''}`,
  );
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
