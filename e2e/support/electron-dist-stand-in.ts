// A directory shaped like an unpacked Electron release for Linux, for
// electron-builder's `electronDist`: nothing is downloaded and nothing of it
// runs. Its `electron` is a small script that cannot start an app but carries a
// real fuse wire (sentinel, version, length, one byte per fuse, as Electron's
// docs/tutorial/fuses.md describes), so electron-builder's fuse step really
// flips it and @electron/fuses reads the result back.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_WIRE_VERSION = 1;
/**
 * Electron's defaults, in wire order: RunAsNode on, CookieEncryption off, NodeOptions on,
 * NodeCliInspect on, EmbeddedAsarIntegrityValidation off, OnlyLoadAppFromAsar off,
 * LoadBrowserProcessSpecificV8Snapshot off, GrantFileProtocolExtraPrivileges on.
 */
export const DEFAULT_FUSES = '10110001';

/** The files of a Linux release that electron-builder copies next to the app (contents do not matter). */
const RELEASE_FILES = [
  'LICENSE',
  'LICENSES.chromium.html',
  'chrome-sandbox',
  'chrome_crashpad_handler',
  'icudtl.dat',
  'resources.pak',
  'snapshot_blob.bin',
  'v8_context_snapshot.bin',
  'libffmpeg.so',
  'locales/en-US.pak',
  'locales/en-GB.pak',
];

export function installedElectronVersion(): string {
  const manifest = createRequire(import.meta.url)('electron/package.json') as { version: string };
  return manifest.version;
}

export async function createElectronDistStandIn(dir: string): Promise<string> {
  await mkdir(join(dir, 'locales'), { recursive: true });
  await mkdir(join(dir, 'resources'), { recursive: true });
  for (const file of RELEASE_FILES) await writeFile(join(dir, file), '');
  await writeFile(join(dir, 'version'), installedElectronVersion());
  const executable = join(dir, 'electron');
  await writeFile(
    executable,
    Buffer.concat([
      Buffer.from('#!/bin/sh\necho "A stand-in for Electron: it cannot run an app." >&2\nexit 1\n'),
      Buffer.from(SENTINEL),
      Buffer.from([FUSE_WIRE_VERSION, DEFAULT_FUSES.length]),
      Buffer.from(DEFAULT_FUSES),
      Buffer.from('\n'),
    ]),
  );
  await chmod(executable, 0o755);
  return dir;
}
