// .ci/run says what its install does: a switch for an install script the
// installed Electron no longer has would claim to skip a download that never
// happens (since Electron 42 the binary comes on first use, not at npm ci).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';

const ciRun = readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8');
const electron = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('electron/package.json'), 'utf8')) as {
  version: string;
  scripts?: Record<string, string>;
};

it('sets ELECTRON_SKIP_BINARY_DOWNLOAD only while Electron has an install script to read it', () => {
  const installScript = electron.scripts?.postinstall ?? electron.scripts?.install;
  const sets = /^\s*export\s+ELECTRON_SKIP_BINARY_DOWNLOAD=/m.test(ciRun);
  expect(sets, `electron ${electron.version}'s install script: ${installScript ?? 'none'}`).toBe(
    installScript !== undefined,
  );
});
