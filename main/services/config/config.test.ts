import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../e2e/support/test-cleanup.js';
import { AppError } from '../../../db/errors.js';
import { userDataDir } from './app-paths.js';
import { activeStore, loadConfig, saveConfig } from './config.js';

describe('config', () => {
  it('defaults to SQLite in the data folder when there is no file', async () => {
    const dir = tempDir('config');
    expect(activeStore(dir, await loadConfig(dir))).toEqual({ kind: 'sqlite', path: join(dir, 'spending.sqlite') });
  });

  it('saves and reloads the active store, readable by the user only', async () => {
    const dir = tempDir('config');
    await saveConfig(dir, {
      version: 1,
      store: { kind: 'postgres', provider: 'external' },
      postgres: { external: { host: 'db.example', port: 5433, database: 'money', user: 'me', tls: 'require' } },
    });
    const loaded = await loadConfig(dir);
    expect(activeStore(dir, loaded)).toEqual({ kind: 'postgres', provider: 'external' });
    expect(loaded.postgres?.external).toEqual({
      host: 'db.example',
      port: 5433,
      database: 'money',
      user: 'me',
      tls: 'require',
    });
    if (process.platform !== 'win32') expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);
  });

  it('has no place for a password, and drops one put there', async () => {
    const dir = tempDir('config');
    const external = { host: 'h', port: 5432, database: 'd', user: 'u', tls: 'prefer', password: 'secret' } as const;
    await saveConfig(dir, { version: 1, postgres: { external } });
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).not.toContain('secret');
  });

  it('says which file is broken and what to do', async () => {
    const dir = tempDir('config');
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ version: 1, store: { kind: 'oracle' } }));
    const error = await loadConfig(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain(join(dir, 'config.json'));
    expect((error as AppError).remedy).toContain('delete the file');
    writeFileSync(join(dir, 'config.json'), '{ not json');
    await expect(loadConfig(dir)).rejects.toThrow('it is not JSON');
  });

  it('puts data where Electron puts userData for an app named Spending', () => {
    expect(userDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/x/Spending');
    expect(userDataDir({ APPDATA: 'C:\\Users\\me\\AppData\\Roaming' }, 'win32')).toMatch(/Roaming[\\/]Spending$/);
    expect(userDataDir({ SPENDING_HOME: '/tmp/s' }, 'darwin')).toBe('/tmp/s');
  });
});
