// What may be shown of a PostgreSQL URL: everything but its secrets.
import { describe, expect, it } from 'vitest';
import { redactUrl } from './connection-errors.js';

describe('redactUrl', () => {
  it('hides the password in the user part', () => {
    expect(redactUrl('postgres://me:secret@db.example:5432/spending')).toBe(
      'postgres://me:***@db.example:5432/spending',
    );
  });

  it('hides a password given in the query string, which node-postgres honours too', () => {
    const shown = redactUrl('postgres://me@db.example/spending?sslmode=require&password=secret&sslpassword=key-pass');
    expect(shown).toBe('postgres://me@db.example/spending?sslmode=require&password=***&sslpassword=***');
  });

  it('shows nothing of a URL it cannot read', () => {
    expect(redactUrl('postgres://me:secret@[bad')).toBe('postgres://(unparseable URL)');
  });
});
