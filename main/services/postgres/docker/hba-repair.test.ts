// Rewriting the login rules of an old volume: only the listed lines change,
// only their method, and each change is noted; everything else stays byte for byte.
import { describe, expect, it } from 'vitest';
import { requirePasswordOn } from './hba-repair.js';

const INITDB = [
  '# TYPE  DATABASE        USER            ADDRESS                 METHOD',
  'local   all             all                                     trust',
  'host    all             all             127.0.0.1/32            trust',
  'host    all             all             ::1/128                 trust # loopback',
  'hostssl trust           trust           10.0.0.0/8              trust\tclientcert=verify-full',
  'host    all             all             192.168.0.0/16          ident map=trust',
  '',
].join('\r\n');

describe('requirePasswordOn', () => {
  it('changes the method of the listed lines only, with a note above each', () => {
    const out = requirePasswordOn(INITDB, [3, 4, 5], 'changed').split('\r\n');
    expect(out).toEqual([
      '# TYPE  DATABASE        USER            ADDRESS                 METHOD',
      'local   all             all                                     trust',
      '# changed',
      'host    all             all             127.0.0.1/32            scram-sha-256',
      '# changed',
      'host    all             all             ::1/128                 scram-sha-256 # loopback',
      '# changed',
      'hostssl trust           trust           10.0.0.0/8              scram-sha-256\tclientcert=verify-full',
      'host    all             all             192.168.0.0/16          ident map=trust',
      '',
    ]);
  });

  it('leaves a listed line without a trust method as it is', () => {
    expect(requirePasswordOn(INITDB, [6], 'changed')).toBe(INITDB);
  });
});
