// What a test makes outside itself (temp folders, databases) is removed when
// that test ends; what beforeAll or a module's top level makes, when the
// file's tests are done (vitest-setup.ts runs those). Callers outside vitest,
// such as the benches, call runCleanups() themselves.
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished, TestRunner } from 'vitest';

type Cleanup = () => Promise<unknown>;
const pending: Cleanup[] = [];

export function cleanUpAfter(cleanup: Cleanup): void {
  if (TestRunner.getCurrentTest())
    onTestFinished(async () => {
      await cleanup();
    });
  else pending.push(cleanup);
}

/** Runs the cleanups registered outside a test, newest first: what was made inside a folder goes before it. */
export async function runCleanups(): Promise<void> {
  for (const cleanup of pending.splice(0).reverse()) await cleanup();
}

/** A new empty folder `spending-<prefix>-XXXXXX` under the temp folder, removed as above. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `spending-${prefix}-`));
  cleanUpAfter(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
