// Fernet (https://github.com/fernet/spec), compatible with Python's
// `cryptography.fernet`, which encrypted the old app's tokens. node:crypto only.
// Token: 0x80 | 64-bit big-endian seconds | 128-bit IV | AES-128-CBC (PKCS7) | HMAC-SHA256 of all before.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const VERSION = 0x80;
const MAX_CLOCK_SKEW_SECONDS = 60;
const HEADER = 1 + 8 + 16;
const MAC = 32;
const BLOCK = 16;

/** Any token that does not decrypt. Deliberately says nothing about why: no oracle. */
export class InvalidToken extends Error {
  constructor() {
    super('The encrypted value is not valid for this key (wrong key, damaged, or expired).');
    this.name = 'InvalidToken';
  }
}

export class InvalidKey extends Error {
  constructor() {
    super('A Fernet key is 32 bytes in URL-safe base64 (44 characters).');
    this.name = 'InvalidKey';
  }
}

const URLSAFE_B64 = /^[A-Za-z0-9_-]*={0,2}$/;

/** Strict URL-safe base64, padded as Python writes it. */
function decodeBase64(text: string): Buffer | undefined {
  if (text.length % 4 !== 0 || !URLSAFE_B64.test(text)) return undefined;
  return Buffer.from(text, 'base64url');
}

function encodeBase64(bytes: Buffer): string {
  return bytes.toString('base64').replaceAll('+', '-').replaceAll('/', '_');
}

function splitKey(key: string): { signing: Buffer; encryption: Buffer } {
  const bytes = typeof key === 'string' ? decodeBase64(key) : undefined;
  if (bytes?.length !== 32) throw new InvalidKey();
  return { signing: bytes.subarray(0, 16), encryption: bytes.subarray(16) };
}

/** A new random key, in the same form as Python's Fernet.generate_key(). */
export function generateKey(): string {
  return encodeBase64(randomBytes(32));
}

export function isValidKey(key: string): boolean {
  try {
    splitKey(key);
    return true;
  } catch {
    return false;
  }
}

export interface EncryptOptions {
  /** Fixed IV, for test vectors only. */
  iv?: Uint8Array;
  /** The token's timestamp (default: now). */
  now?: Date;
}

export function encrypt(key: string, plaintext: string | Uint8Array, options: EncryptOptions = {}): string {
  const { signing, encryption } = splitKey(key);
  const iv = options.iv ? Buffer.from(options.iv) : randomBytes(16);
  if (iv.length !== 16) throw new RangeError('The IV must be 16 bytes');
  const header = Buffer.alloc(HEADER);
  header[0] = VERSION;
  header.writeBigUInt64BE(BigInt(Math.floor((options.now ?? new Date()).getTime() / 1000)), 1);
  iv.copy(header, 9);
  const cipher = createCipheriv('aes-128-cbc', encryption, iv);
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : Buffer.from(plaintext);
  const body = Buffer.concat([header, cipher.update(data), cipher.final()]);
  const mac = createHmac('sha256', signing).update(body).digest();
  return encodeBase64(Buffer.concat([body, mac]));
}

export interface DecryptOptions {
  /** Reject tokens older than this many seconds (and more than 60 s in the future). */
  ttlSeconds?: number;
  now?: Date;
}

export function decrypt(key: string, token: string, options: DecryptOptions = {}): Uint8Array {
  const { signing, encryption } = splitKey(key);
  const data = typeof token === 'string' ? decodeBase64(token) : undefined;
  if (!data || data.length < HEADER + BLOCK + MAC || data[0] !== VERSION) throw new InvalidToken();
  const timestamp = Number(data.readBigUInt64BE(1));
  if (options.ttlSeconds !== undefined) {
    const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
    if (timestamp + options.ttlSeconds < now || now + MAX_CLOCK_SKEW_SECONDS < timestamp) throw new InvalidToken();
  }
  const body = data.subarray(0, data.length - MAC);
  const expected = createHmac('sha256', signing).update(body).digest();
  if (!timingSafeEqual(expected, data.subarray(data.length - MAC))) throw new InvalidToken();
  const ciphertext = body.subarray(HEADER);
  if (ciphertext.length % BLOCK !== 0) throw new InvalidToken();
  try {
    const decipher = createDecipheriv('aes-128-cbc', encryption, body.subarray(9, HEADER));
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new InvalidToken();
  }
}

/** decrypt() for text secrets; refuses bytes that are not UTF-8. */
export function decryptText(key: string, token: string, options: DecryptOptions = {}): string {
  const bytes = decrypt(key, token, options);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidToken();
  }
}
