import { randomBytes } from 'node:crypto';

export type Random = () => number;

/** mulberry32: tiny, good enough, and the same sequence on every machine. */
export function seededRandom(seed: number, salt: string): Random {
  // FNV-1a folds the salt (the username) into the numeric seed.
  let h = 0x811c9dc5 ^ seed;
  for (const ch of salt) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  let state = h >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(rand: Random, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}

export function pick<T>(rand: Random, items: readonly T[]): T {
  const item = items[Math.floor(rand() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export function seededHex(rand: Random, length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(rand() * 16).toString(16);
  return out;
}

/** Ids minted after start (settle, rehash, tokens) need not be reproducible, only unique. */
export function freshHex(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}
