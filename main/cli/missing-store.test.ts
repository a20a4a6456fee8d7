// A mistyped store path: commands that only use a store say it does not exist
// and create nothing; those that make one create the file but never a folder.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_BUNDLE, cli, cliProcess } from '../../e2e/support/run-cli.js';
import { tempDir } from '../../e2e/support/test-cleanup.js';

const folder = () => tempDir('missing');
const error = (stdout: string) => (JSON.parse(stdout) as { error: unknown }).error;

describe('a store path that does not exist', () => {
  it.each(['list', 'stats', 'bank status'])(
    '`%s` says there is no store there and creates neither the file nor its folders',
    async (command) => {
      const dir = folder();
      const path = join(dir, 'nope', 'x.sqlite');
      const result = await cli('--db', path, '--json', ...command.split(' '));
      expect(result.code).toBe(1);
      expect(error(result.stdout)).toEqual({
        code: 'not_found',
        message: `There is no store at ${path}.`,
        remedy:
          'Check the path. Only seed-demo, migrate --to and import-legacy create a store; nothing else makes one for a mistyped path.',
      });
      expect(readdirSync(dir)).toEqual([]);
    },
  );

  it('is refused as well when the folder exists and only the file is missing', async () => {
    const dir = folder();
    const result = await cli('--db', join(dir, 'typo.sqlite'), '--json', 'list');
    expect(error(result.stdout)).toMatchObject({ code: 'not_found' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('is created by seed-demo and migrate --to, but never in a folder that does not exist', async () => {
    const dir = folder();
    const seeded = join(dir, 'demo.sqlite');
    expect((await cli('--db', seeded, 'seed-demo', '--transactions', '20')).code).toBe(0);

    const noFolder = join(dir, 'nope', 'x.sqlite');
    const seed = await cli('--db', noFolder, '--json', 'seed-demo', '--transactions', '20');
    expect(seed.code).toBe(1);
    expect(error(seed.stdout)).toEqual({
      code: 'not_found',
      message: `The folder ${join(dir, 'nope')} does not exist, so no store can be created in it.`,
      remedy: 'Check the path, or create the folder first.',
    });
    const move = await cli('--json', 'migrate', '--from', seeded, '--to', noFolder);
    expect(move.code).toBe(1);
    expect(error(move.stdout)).toMatchObject({ code: 'not_found' });

    expect((await cli('migrate', '--from', seeded, '--to', join(dir, 'moved.sqlite'))).code).toBe(0);
    // (Less the -wal and -shm files the move's read-only look at its source leaves beside it.)
    expect(
      readdirSync(dir)
        .filter((n) => !/-(wal|shm)$/.test(n))
        .sort(),
    ).toEqual(['demo.sqlite', 'moved.sqlite']);
  });
});

describe.skipIf(!existsSync(CLI_BUNDLE) && process.env.CI !== 'true')("the app's own store", () => {
  it('is created on first use, like the app does on its first run', async () => {
    const home = join(folder(), 'home');
    const list = await cliProcess(['list'], { env: { SPENDING_HOME: home } });
    expect(list.code).toBe(0);
    expect(list.stdout).toBe('No transactions match.\n');
    expect(existsSync(join(home, 'spending.sqlite'))).toBe(true);
  }, 60_000);

  it('is not re-created empty when the file it was set to has gone; a restore needs an existing folder', async () => {
    const home = folder();
    const gone = join(home, 'moved-away.sqlite');
    writeFileSync(join(home, 'config.json'), JSON.stringify({ version: 1, store: { kind: 'sqlite', path: gone } }));
    const env = { SPENDING_HOME: home };
    const list = await cliProcess(['--json', 'list'], { env });
    expect(list.code).toBe(1);
    expect(error(list.stdout)).toMatchObject({ code: 'not_found', message: `There is no store at ${gone}.` });
    expect(existsSync(gone)).toBe(false);

    const seeded = join(home, 'real.sqlite');
    expect((await cli('--db', seeded, 'seed-demo', '--transactions', '20')).code).toBe(0);
    writeFileSync(join(home, 'config.json'), JSON.stringify({ version: 1, store: { kind: 'sqlite', path: seeded } }));
    const made = await cliProcess(['--json', 'db', 'backup'], { env });
    const { id } = JSON.parse(made.stdout) as { id: string };
    const to = join(home, 'nope', 'restored.sqlite');
    const restore = await cliProcess(['--json', 'db', 'restore', id, '--to', to], { env });
    expect(restore.code).toBe(1);
    expect(error(restore.stdout)).toEqual({
      code: 'not_found',
      message: `The folder ${join(home, 'nope')} does not exist, so nothing can be restored into it.`,
      remedy: 'Check the path, or create the folder first.',
    });
    mkdirSync(join(home, 'nope'));
    expect((await cliProcess(['db', 'restore', id, '--to', to], { env })).code).toBe(0);
  }, 180_000);
});
