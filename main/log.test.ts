import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger, formatLine, redact } from './log.js';

describe('redact', () => {
  it.each([
    ['postgres://spending:s3cret@127.0.0.1:5432/spending', 'postgres://spending:***@127.0.0.1:5432/spending'],
    ['connect postgresql://u:p%40ss:w@db/x failed', 'connect postgresql://u:***@db/x failed'],
    ['postgres://:pw@host/db', 'postgres://:***@host/db'],
    ['host=db user=me password=hunter2 dbname=x', 'host=db user=me password=*** dbname=x'],
    ['?code=abc&client_secret=xyz&state=1', '?code=abc&client_secret=***&state=1'],
    [
      '{"access_token":"at-123","refresh_token":"rt\\"456","expires_in":3600}',
      '{"access_token":"***","refresh_token":"***","expires_in":3600}',
    ],
    ["{ password: 'p', token: 't', user: 'me' }", "{ password: '***', token: '***', user: 'me' }"],
    ['Authorization: Bearer abc.def-ghi', 'Authorization: Bearer ***'],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-nature_x end', 'jwt *** end'],
    ['fernet gAAAAABkZ3Jvb3R5X2Zlcm5ldF90b2tlbl9oZXJl== end', 'fernet *** end'],
  ])('%s', (input, output) => {
    expect(redact(input)).toBe(output);
  });

  it('leaves ordinary text alone', () => {
    const text = 'Opened /home/me/.config/Spending/spending.sqlite (schema 3) at https://example.com/path';
    expect(redact(text)).toBe(text);
  });
});

describe('formatLine', () => {
  it('stamps, labels and redacts details, errors with their stack', () => {
    const error = Object.assign(new Error('connect postgres://me:pw@db/x'), { code: 'ECONNREFUSED' });
    const line = formatLine('error', 'Store failed', [error, { url: 'postgres://me:pw@db/x' }], new Date(0));
    expect(line.startsWith('1970-01-01T00:00:00.000Z ERROR Store failed Error: connect postgres://me:***@db/x')).toBe(
      true,
    );
    expect(line).toContain('ECONNREFUSED');
    expect(line).toContain('at ');
    expect(line).not.toContain(':pw@');
    expect(line.endsWith('\n')).toBe(true);
  });
});

describe('createFileLogger', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('creates the folder, appends redacted lines and keeps the file private', async () => {
    dir = await mkdtemp(join(tmpdir(), 'spending-log-'));
    const file = join(dir, 'logs', 'main.log');
    const log = createFileLogger(file);
    log.info('started');
    log.warn('token=abc');
    const text = await readFile(file, 'utf8');
    expect(text).toMatch(/ INFO started\n.* WARN token=\*\*\*\n$/);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('rotates a log that has grown past 5 MB', async () => {
    dir = await mkdtemp(join(tmpdir(), 'spending-log-'));
    const file = join(dir, 'main.log');
    await writeFile(file, 'x'.repeat(5 * 1024 * 1024 + 1));
    createFileLogger(file).info('fresh');
    expect((await stat(`${file}.1`)).size).toBe(5 * 1024 * 1024 + 1);
    expect(await readFile(file, 'utf8')).toMatch(/ INFO fresh\n$/);
  });

  it('never throws when the log cannot be written', async () => {
    dir = await mkdtemp(join(tmpdir(), 'spending-log-'));
    await writeFile(join(dir, 'not-a-folder'), '');
    const log = createFileLogger(join(dir, 'not-a-folder', 'logs', 'main.log'));
    expect(() => log.error('still running')).not.toThrow();
  });
});
