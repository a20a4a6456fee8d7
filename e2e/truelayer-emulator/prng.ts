import { randomBytes } from 'node:crypto';
import { seededRandom as mulberry32 } from '../../main/services/demo/demo-data.js';

export type Random = () => number;

/** The demo data's mulberry32, seeded per user: the same sequence on every machine. */
export function seededRandom(seed: number, salt: string): Random {
  // FNV-1a folds the salt (the username) into the numeric seed.
  let h = 0x811c9dc5 ^ seed;
  for (const ch of salt) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return mulberry32(h >>> 0);
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
