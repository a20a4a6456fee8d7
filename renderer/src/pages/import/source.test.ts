import { describe, expect, it } from 'vitest';
import { describeSource, isPostgresUrl, redactUrl, sourceOf, urlFromEnv, withPassword } from './source';

const choice = { kind: 'postgres' as const, path: '', url: '', password: '' };

describe('withPassword', () => {
  it('puts the password in, percent-encoded, so the main process reads it back exactly', () => {
    const url = withPassword('postgres://spending_user@localhost:5433/spending_db', 's3cret pass#word');
    expect(url).toBe('postgres://spending_user:s3cret%20pass%23word@localhost:5433/spending_db');
    expect(decodeURIComponent(new URL(url).password)).toBe('s3cret pass#word');
  });

  it('keeps a password typed into the URL, and the URL as is without one', () => {
    expect(withPassword('postgres://u:typed@h/db', 'other')).toBe('postgres://u:typed@h/db');
    expect(withPassword(' postgres://u@h/db ', '')).toBe('postgres://u@h/db');
  });
});

describe('redactUrl and describeSource', () => {
  it('never show a password', () => {
    expect(redactUrl('postgres://u:secret@h:5432/db')).toBe('postgres://u:***@h:5432/db');
    expect(redactUrl('postgres://u@h/db')).toBe('postgres://u@h/db');
    expect(redactUrl('postgres://u@h/db?password=secret')).toBe('postgres://u@h/db?password=***');
    expect(redactUrl('postgres://u:secret@[bad')).toBe('the PostgreSQL database');
    expect(describeSource({ ...choice, url: 'postgres://u:secret@h/db', password: 'x' })).not.toContain('secret');
    expect(describeSource({ ...choice, kind: 'file', path: '/home/me/finance.db' })).toBe('/home/me/finance.db');
  });
});

describe('sourceOf', () => {
  it('sends the file, or the URL with its password, once the choice is complete', () => {
    expect(sourceOf({ ...choice, kind: 'file' })).toBeNull();
    expect(sourceOf({ ...choice, kind: 'file', path: '/f/finance.db' })).toBe('/f/finance.db');
    expect(sourceOf({ ...choice, url: 'mysql://h/db' })).toBeNull();
    expect(isPostgresUrl('postgresql://h/db')).toBe(true);
    expect(sourceOf({ ...choice, url: 'postgres://u@h/db', password: 'p' })).toBe('postgres://u:p@h/db');
  });
});

describe('urlFromEnv', () => {
  it('describes the old database as its .env does, without the password', () => {
    expect(
      urlFromEnv({
        postgresUser: 'spending_user',
        postgresHost: 'localhost',
        postgresPort: '5433',
        postgresDb: 'spending_db',
      }),
    ).toBe('postgres://spending_user@localhost:5433/spending_db');
    expect(urlFromEnv({ truelayerClientId: 'x' })).toBeNull();
  });
});
