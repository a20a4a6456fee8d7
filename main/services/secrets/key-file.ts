// A passphrase-protected keychain in one file, for machines without an OS
// keychain (Linux without a Secret Service). The passphrase goes through
// scrypt to a wrapping key; the accounts and secrets are one Fernet token
// under it. Written atomically with mode 0600.
import { randomBytes, scrypt as scryptCallback } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { AppError } from '../../../db/errors.js';
import { decryptText, encrypt, InvalidToken } from './fernet.js';
import type { Keychain } from './keychain.js';

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  length: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

// OWASP's scrypt floor is N=2^17 with r=8; 2^15 keeps unlocking under ~0.2 s on
// a slow laptop and still costs an attacker 32 MiB per guess.
const PARAMS = { N: 2 ** 15, r: 8, p: 1 };

const KeyFileShape = z.object({
  format: z.literal('spending-key-file'),
  version: z.literal(1),
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z.number().int(),
    r: z.number().int(),
    p: z.number().int(),
    salt: z.string(),
  }),
  vault: z.string(),
});
type KeyFileShape = z.infer<typeof KeyFileShape>;

async function wrappingKey(passphrase: string, kdf: KeyFileShape['kdf']): Promise<string> {
  const bytes = await scrypt(passphrase, Buffer.from(kdf.salt, 'base64'), 32, {
    N: kdf.N,
    r: kdf.r,
    p: kdf.p,
    maxmem: 256 * kdf.N * kdf.r,
  });
  return bytes.toString('base64').replaceAll('+', '-').replaceAll('/', '_');
}

async function readShape(path: string): Promise<KeyFileShape | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = KeyFileShape.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new AppError(
      'unavailable',
      `${path} is not a Spending key file.`,
      'Restore it from a backup, or move it away to start a new one.',
    );
  }
  return parsed.data;
}

export const MIN_PASSPHRASE_LENGTH = 8;

/**
 * Opens the key file at `path` with `passphrase`, creating it when absent.
 * A wrong passphrase is refused without saying anything else about the file.
 */
export async function openKeyFile(path: string, passphrase: string): Promise<Keychain> {
  const existing = await readShape(path);
  const kdf = existing?.kdf ?? { name: 'scrypt' as const, ...PARAMS, salt: randomBytes(16).toString('base64') };
  if (!existing && passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new AppError('invalid_input', `A passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  }
  const key = await wrappingKey(passphrase, kdf);
  let entries: Record<string, string> = {};
  if (existing) {
    try {
      entries = z.record(z.string(), z.string()).parse(JSON.parse(decryptText(key, existing.vault)));
    } catch (error) {
      if (error instanceof InvalidToken) {
        throw new AppError(
          'invalid_input',
          `That passphrase does not unlock ${path}.`,
          'Check the passphrase and try again.',
        );
      }
      throw error;
    }
  }

  async function save(): Promise<void> {
    const shape: KeyFileShape = {
      format: 'spending-key-file',
      version: 1,
      kdf,
      vault: encrypt(key, JSON.stringify(entries)),
    };
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(shape, null, 2)}\n`, { mode: 0o600, flush: true });
    await rename(temp, path);
  }
  if (!existing) await save();

  return {
    backend: 'passphrase-file',
    description: `Passphrase-protected key file (${path})`,
    get: (account) => Promise.resolve(Object.hasOwn(entries, account) ? (entries[account] ?? null) : null),
    async set(account, secret) {
      entries = { ...entries, [account]: secret };
      await save();
    },
    async delete(account) {
      if (!Object.hasOwn(entries, account)) return false;
      entries = Object.fromEntries(Object.entries(entries).filter(([name]) => name !== account));
      await save();
      return true;
    },
  };
}
