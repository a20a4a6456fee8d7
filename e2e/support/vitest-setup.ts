// Runs around every vitest file. The file gets a temp folder of its own (TMPDIR,
// inherited by the processes it starts), and when its tests are done, after
// removing what its beforeAll hooks and top level made (test-cleanup.ts), that
// folder must be empty: whatever a test leaves behind fails its file.
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { runCleanups } from './test-cleanup.js';

const fileTemp = mkdtempSync(join(tmpdir(), 'spending-vitest-'));
// As root, a test's PostgreSQL runs as `postgres`, which must pass through here to its data.
chmodSync(fileTemp, 0o711);
process.env.TMPDIR = fileTemp;

afterAll(async () => {
  try {
    await runCleanups();
    expect(readdirSync(fileTemp), `left behind in ${fileTemp}`).toEqual([]);
  } finally {
    rmSync(fileTemp, { recursive: true, force: true });
  }
});
