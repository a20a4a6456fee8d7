import { describe, expect, it } from 'vitest';
import { checkBlocked, suggestedProvider } from './choose-state';

const server = { state: 'running', message: 'Running' } as const;

describe('the move wizard’s first step', () => {
  it('suggests the main process’s current server once the overview arrives, unless the data is already there', () => {
    expect(suggestedProvider(undefined)).toBeNull();
    const fromSqlite = {
      active: { kind: 'sqlite', path: '/a.sqlite' },
      server: { ...server, provider: 'embedded' },
    } as const;
    expect(suggestedProvider(fromSqlite)).toBe('embedded');
    const inEmbedded = {
      active: { kind: 'postgres', provider: 'embedded' },
      server: { ...server, provider: 'embedded' },
    } as const;
    expect(suggestedProvider(inEmbedded)).toBeNull();
  });

  it('always says why "Check the move" cannot be pressed', () => {
    const active = { kind: 'postgres', provider: 'embedded' } as const;
    const base = { active, overviewFailed: false, target: 'postgres', provider: 'docker', inUse: 'embedded' } as const;
    expect(checkBlocked(base)).toBeNull();
    expect(checkBlocked({ ...base, active: undefined })).toBe('Reading where your data is now…');
    expect(checkBlocked({ ...base, active: undefined, overviewFailed: true })).toMatch(/could not read/);
    expect(checkBlocked({ ...base, provider: null })).toBe('Choose the PostgreSQL server to move to.');
    expect(checkBlocked({ ...base, provider: 'embedded' })).toBe(
      'Your data is already in this server. Choose another one.',
    );
    expect(checkBlocked({ ...base, target: 'sqlite', provider: null })).toBeNull();
  });
});
