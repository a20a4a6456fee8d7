#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into node_modules/.spending-electron-native/,
// leaving node_modules/better-sqlite3 built for Node (the CLI and the tests need
// that one). main/index.ts passes the result to better-sqlite3 as `nativeBinding`
// when it runs unpackaged; packaged apps get their own rebuild from electron-builder.
// Skips the work when the existing build matches Electron, better-sqlite3 and the platform.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const HEADERS_URL = 'https://electronjs.org/headers';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
// main/index.ts looks for the binding at this same path.
const outDir = join(root, 'node_modules', '.spending-electron-native');
const binding = join(outDir, 'better_sqlite3.node');
const stampFile = join(outDir, 'build-info.json');

const say = (message) => console.log(`[electron-native] ${message}`);

function fail(message, ...hints) {
  console.error(`\n[electron-native] ${message}`);
  for (const hint of hints) console.error(`  - ${hint}`);
  console.error('  The CLI and the tests do not need this build; only the desktop app does.');
  process.exit(1);
}

function packageDir(name) {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    return fail(`${name} is not installed in ${root}/node_modules.`, 'Run npm install first.');
  }
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

const electronDir = packageDir('electron');
const sqliteDir = packageDir('better-sqlite3');
const abiFile = join(electronDir, 'abi_version');
const wanted = {
  electron: readJson(join(electronDir, 'package.json')).version,
  abi: existsSync(abiFile) ? readFileSync(abiFile, 'utf8').trim() : undefined,
  betterSqlite3: readJson(join(sqliteDir, 'package.json')).version,
  platform: process.platform,
  arch: process.arch,
};

// A V8 addon exports node_register_module_v<ABI>; a build against the wrong headers shows here
// instead of as a crash when the app starts.
function builtForElectron(file) {
  return wanted.abi === undefined || readFileSync(file).includes(`node_register_module_v${wanted.abi}`);
}

function upToDate() {
  if (!existsSync(binding) || !existsSync(stampFile)) return false;
  try {
    return JSON.stringify(readJson(stampFile)) === JSON.stringify(wanted) && builtForElectron(binding);
  } catch {
    return false;
  }
}

// `npm start` exports the user's npm config as npm_config_*; a nodedir or target there
// (a machine-wide .npmrc may set nodedir) would make node-gyp build against Node's headers.
function buildEnv() {
  const inherited = /^npm_config_(nodedir|target|arch|runtime|disturl|dist_url|devdir|build_from_source)$/i;
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !inherited.test(key)));
}

function build() {
  let nodeGyp;
  try {
    nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
  } catch {
    fail('node-gyp is not installed (electron-builder normally brings it in).', 'Run npm install.');
  }
  const workDir = join(outDir, 'work');
  const moduleDir = join(workDir, 'better-sqlite3');
  const nodeBuildDir = join(sqliteDir, 'build');
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  say(`copying better-sqlite3 ${wanted.betterSqlite3} sources to ${moduleDir}`);
  cpSync(sqliteDir, moduleDir, {
    recursive: true,
    filter: (source) => source !== nodeBuildDir && !source.startsWith(nodeBuildDir + sep),
  });

  const devDir = join(homedir(), '.electron-gyp');
  const args = [
    nodeGyp,
    'rebuild',
    '--release',
    `--target=${wanted.electron}`,
    `--arch=${wanted.arch}`,
    `--dist-url=${HEADERS_URL}`,
    `--devdir=${devDir}`,
  ];
  say(`building for Electron ${wanted.electron} (ABI ${wanted.abi ?? 'unknown'}, ${wanted.platform}-${wanted.arch})`);
  say(`node ${args.map((arg) => (arg === nodeGyp ? 'node-gyp' : arg)).join(' ')}`);
  const result = spawnSync(process.execPath, args, { cwd: moduleDir, stdio: 'inherit', env: buildEnv() });
  if (result.error || result.status !== 0) {
    fail(
      `node-gyp could not build better-sqlite3 for Electron ${wanted.electron}${result.error ? ` (${result.error.message})` : ''}.`,
      `It downloads Electron's headers from ${HEADERS_URL}/v${wanted.electron}/ into ${devDir}; check the network or proxy.`,
      'It compiles C/C++: it needs Python 3 and a C++20 compiler (Linux: build-essential; macOS: Xcode command line tools; Windows: Visual Studio Build Tools with "Desktop development with C++").',
      `Details are in the node-gyp output above; the sources are kept in ${workDir}.`,
    );
  }

  const built = join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(built)) fail(`node-gyp reported success but ${built} does not exist.`);
  if (!builtForElectron(built)) {
    fail(
      `${built} was not built for Electron's ABI ${wanted.abi}.`,
      'node-gyp probably used Node headers: check for a nodedir setting in .npmrc or npm_config_nodedir in the environment.',
    );
  }
  copyFileSync(built, `${binding}.tmp`);
  renameSync(`${binding}.tmp`, binding);
  writeFileSync(stampFile, `${JSON.stringify(wanted, null, 2)}\n`);
  rmSync(workDir, { recursive: true, force: true });
  say(`wrote ${binding}`);
}

if (upToDate()) {
  say(`up to date: ${binding} (Electron ${wanted.electron}, better-sqlite3 ${wanted.betterSqlite3})`);
} else {
  build();
}
