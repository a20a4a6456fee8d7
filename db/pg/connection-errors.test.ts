// A postgres:// URL shown in a report, an error or a log never carries its password.
import { describe, expect, it } from 'vitest';
import { redactUrl } from './connection-errors.js';

describe('redactUrl', () => {
  it('hides the password however the URL carries it, and keeps the rest', () => {
    const shown = redactUrl('postgres://me:hunter2@db.example.com:5433/spending?password=hunter3&sslmode=require');
    expect(shown).not.toMatch(/hunter/);
    expect(shown).toBe('postgres://me:***@db.example.com:5433/spending?password=***&sslmode=require');
  });
});
