// Fernet against the spec's vectors, Python's tokens, tokens of ours that
// Python decrypted, and fuzzed input that must never decrypt or crash.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../demo/demo-data.js';
import { decrypt, decryptText, encrypt, generateKey, InvalidKey, InvalidToken, isValidKey } from './fernet.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../e2e/fixtures/fernet/${name}`, import.meta.url), 'utf8'));

interface Vector {
  desc?: string;
  token: string;
  now: string;
  iv?: number[];
  ttl_sec?: number;
  src?: string;
  secret: string;
}

describe('Fernet spec vectors', () => {
  it.each(fixture('generate.json') as Vector[])('generate: $src', (v) => {
    expect(encrypt(v.secret, v.src ?? '', { iv: Uint8Array.from(v.iv ?? []), now: new Date(v.now) })).toBe(v.token);
  });

  it.each(fixture('verify.json') as Vector[])('verify: $src', (v) => {
    expect(decryptText(v.secret, v.token, { ttlSeconds: v.ttl_sec, now: new Date(v.now) })).toBe(v.src);
  });

  it.each(fixture('invalid.json') as Vector[])('invalid: $desc', (v) => {
    expect(() => decrypt(v.secret, v.token, { ttlSeconds: v.ttl_sec, now: new Date(v.now) })).toThrow(InvalidToken);
  });
});

describe('compatibility with Python cryptography', () => {
  it.each(fixture('python-cryptography.json') as { secret: string; token: string; src: string }[])(
    'decrypts a token Python made: "$src"',
    ({ secret, token, src }) => {
      expect(decryptText(secret, token)).toBe(src);
    },
  );

  const made = fixture('spending-made.json') as {
    verified_by: string;
    cases: { secret: string; iv: string; now: string; src_hex: string; token: string; python_decrypted_hex: string }[];
  };
  it.each(made.cases)('makes, byte for byte, a token Python decrypted ($src_hex)', (c) => {
    expect(made.verified_by).toContain('Python cryptography');
    const token = encrypt(c.secret, Buffer.from(c.src_hex, 'hex'), {
      iv: Buffer.from(c.iv, 'hex'),
      now: new Date(c.now),
    });
    expect(token).toBe(c.token);
    expect(c.python_decrypted_hex).toBe(c.src_hex);
  });
});

describe('Fernet keys and round trips', () => {
  it('generates padded URL-safe keys Python accepts, and refuses malformed keys', () => {
    const key = generateKey();
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}=$/);
    expect(isValidKey(key)).toBe(true);
    for (const bad of [
      '',
      'short',
      key.slice(0, 43),
      `${key}A`,
      key.replace('=', '+'),
      randomBytes(32).toString('hex'),
    ]) {
      expect(isValidKey(bad)).toBe(false);
      expect(() => encrypt(bad, 'x')).toThrow(InvalidKey);
    }
  });

  it('round-trips text and bytes, and every token is different', () => {
    const key = generateKey();
    const a = encrypt(key, 'refresh-token-123');
    expect(a).not.toBe(encrypt(key, 'refresh-token-123'));
    expect(decryptText(key, a)).toBe('refresh-token-123');
    const bytes = randomBytes(300);
    expect(Buffer.from(decrypt(key, encrypt(key, bytes)))).toEqual(bytes);
  });

  it('applies the TTL and the 60-second clock-skew rule', () => {
    const key = generateKey();
    const issued = new Date('2026-01-01T00:00:00Z');
    const token = encrypt(key, 'x', { now: issued });
    const at = (seconds: number) => new Date(issued.getTime() + seconds * 1000);
    expect(decryptText(key, token, { ttlSeconds: 60, now: at(60) })).toBe('x');
    expect(() => decrypt(key, token, { ttlSeconds: 60, now: at(61) })).toThrow(InvalidToken);
    expect(decryptText(key, token, { ttlSeconds: 60, now: at(-60) })).toBe('x');
    expect(() => decrypt(key, token, { ttlSeconds: 60, now: at(-61) })).toThrow(InvalidToken);
    // Without a TTL, age does not matter (the old app's tokens are years old).
    expect(decryptText(key, token, { now: at(10 * 365 * 86400) })).toBe('x');
  });
});

describe('fuzzed tokens never decrypt and never crash', () => {
  const key = generateKey();
  const token = encrypt(key, 'an OAuth access token');
  const raw = Buffer.from(token, 'base64url');
  const random = seededRandom(2026);
  const cases: string[] = [];

  // Every truncation.
  for (let n = 0; n < token.length; n++) cases.push(token.slice(0, n));
  // Every single bit flipped in the decoded token.
  for (let bit = 0; bit < raw.length * 8; bit++) {
    const flipped = Buffer.from(raw);
    flipped[bit >> 3]! ^= 1 << (bit & 7);
    cases.push(flipped.toString('base64').replaceAll('+', '-').replaceAll('/', '_'));
  }
  // Random bytes of every plausible length, as base64 and as raw text.
  for (let i = 0; i < 300; i++) {
    const bytes = Buffer.from(Array.from({ length: Math.floor(random() * 200) }, () => Math.floor(random() * 256)));
    cases.push(bytes.toString('base64url'), bytes.toString('latin1'));
  }
  // Valid-looking tokens: right version byte, random rest.
  for (let i = 0; i < 200; i++) {
    const bytes = Buffer.from(
      Array.from({ length: 57 + 16 * Math.floor(random() * 4) }, () => Math.floor(random() * 256)),
    );
    bytes[0] = 0x80;
    cases.push(bytes.toString('base64').replaceAll('+', '-').replaceAll('/', '_'));
  }

  it(`rejects all ${cases.length} damaged or random tokens with InvalidToken`, () => {
    let rejected = 0;
    for (const candidate of cases) {
      expect(() => decrypt(key, candidate)).toThrow(InvalidToken);
      rejected++;
    }
    expect(rejected).toBe(cases.length);
    expect(cases.length).toBeGreaterThan(1500);
  });

  it('rejects the right token under 200 wrong keys, and expired ones', () => {
    for (let i = 0; i < 200; i++) expect(() => decrypt(generateKey(), token)).toThrow(InvalidToken);
    const old = encrypt(key, 'x', { now: new Date('2020-01-01T00:00:00Z') });
    expect(() => decrypt(key, old, { ttlSeconds: 3600 })).toThrow(InvalidToken);
  });

  it('says nothing about the key or the plaintext when it refuses', () => {
    const error = (() => {
      try {
        decrypt(key, cases[10]!);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).not.toContain(key);
    expect(error?.message).not.toContain('OAuth');
  });
});
