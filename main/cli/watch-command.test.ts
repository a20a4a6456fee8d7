// `spending watch --json` as its own process, as a user runs it: ready once it
// says so on stderr, then one JSON object a line per change, and a clean exit
// on Ctrl+C (SIGINT).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../db/open-store.js';
import { Inbox } from '../../e2e/support/change-inbox.js';
import { CLI_BUNDLE, cli } from '../../e2e/support/run-cli.js';
import { cleanUpAfter } from '../../e2e/support/test-cleanup.js';
import { createPgDatabase, tempSqlitePath } from '../../e2e/support/test-databases.js';

describe('spending watch', () => {
  it('--json prints one object a line per change another process writes, until SIGINT', async () => {
    const url = await createPgDatabase('watch');
    const child = spawn(process.execPath, [CLI_BUNDLE, '--json', '--db', url, 'watch'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    cleanUpAfter(async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    });
    const lines = new Inbox<string>();
    const notes = new Inbox<string>();
    createInterface({ input: child.stdout }).on('line', lines.push);
    createInterface({ input: child.stderr }).on('line', notes.push);
    await notes.next((line) => line.startsWith('Watching'));

    const store = await openStore(url);
    try {
      const category = await store.addCategory('Pets');
      await store.renameCategory(category.id, 'Animals');
      const first = JSON.parse(await lines.next()) as Record<string, unknown>;
      expect(first).toMatchObject({ kind: 'notification', table: 'categories', op: 'insert', ids: [category.id] });
      expect(JSON.parse(await lines.next())).toMatchObject({ table: 'categories', op: 'update', count: 1 });
    } finally {
      await store.close();
    }
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(lines.drain()).toEqual([]);
  });

  it('refuses a SQLite store, saying why', async () => {
    const path = tempSqlitePath();
    await (await openStore(path)).close();
    const result = await cli('--db', path, 'watch');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('only this computer writes');
  });
});
