// The one place secrets go through. The Fernet key and the named secrets
// (PostgreSQL passwords, TrueLayer client secret) live in a Keychain; OAuth
// tokens live in the database as Fernet tokens under that key. Nothing here
// ever falls back to plaintext: without a keychain, secret operations fail
// with an error that says how to set one up.
import { AppError } from '../../../db/errors.js';
import type { Store } from '../../../db/store.js';
import { decryptText, encrypt, generateKey, InvalidToken, isValidKey } from './fernet.js';
import { probeKeychain, type Keychain, type KeychainBackend } from './keychain.js';

/** `postgres-password:<provider>` is the password of the server Spending runs or connects to; `legacy-*` came from the old app's .env. */
export type SecretName =
  | `postgres-password:${'docker' | 'embedded' | 'external'}`
  | 'truelayer-client-secret'
  | 'legacy-encryption-key'
  | 'legacy-postgres-password';

/** Keychain accounts. `next` exists only while a key rotation is under way. */
const ACCOUNT = { key: 'fernet-key', next: 'fernet-key-next' } as const;

export interface SecretsStatus {
  backend: KeychainBackend | 'none';
  description: string;
  available: boolean;
  /** Why the keychain cannot be used, in the platform's words. */
  reason?: string;
  hasKey: boolean;
  rotationPending: boolean;
}

const PROVIDE_KEYCHAIN =
  'Start a keychain (GNOME Keyring or KWallet), or keep secrets in a passphrase-protected key file: Settings → Security in the app, or `spending secrets key-file` with SPENDING_PASSPHRASE set (later commands read it from there too).';

const NO_KEYCHAIN = new AppError(
  'unavailable',
  'There is no keychain to keep secrets in, so Spending will not store any.',
  PROVIDE_KEYCHAIN,
);

export class SecretsService {
  private keys: { current: string; next: string | null } | undefined;

  /** `keychain` is null while none is usable (no Secret Service, key file still locked). */
  constructor(private keychain: Keychain | null) {}

  /** Switches to another keychain, e.g. the key file once its passphrase is given. */
  use(keychain: Keychain): void {
    this.keychain = keychain;
    this.keys = undefined;
  }

  async status(): Promise<SecretsStatus> {
    if (!this.keychain)
      return { backend: 'none', description: 'No keychain', available: false, hasKey: false, rotationPending: false };
    const probe = await probeKeychain(this.keychain);
    const base = { backend: this.keychain.backend, description: this.keychain.description };
    if (!probe.available)
      return { ...base, available: false, reason: probe.reason, hasKey: false, rotationPending: false };
    const [key, next] = await Promise.all([this.keychain.get(ACCOUNT.key), this.keychain.get(ACCOUNT.next)]);
    return { ...base, available: true, hasKey: key !== null, rotationPending: next !== null };
  }

  private usable(): Keychain {
    if (!this.keychain) throw NO_KEYCHAIN;
    return this.keychain;
  }

  /** The Fernet key, created on first need. */
  private async loadKeys(): Promise<{ current: string; next: string | null }> {
    if (this.keys) return this.keys;
    const [stored, next] = await this.withKeychain((k) => Promise.all([k.get(ACCOUNT.key), k.get(ACCOUNT.next)]));
    let current = stored;
    if (current === null) {
      const created = generateKey();
      await this.withKeychain((k) => k.set(ACCOUNT.key, created));
      current = created;
    }
    if (!isValidKey(current) || (next !== null && !isValidKey(next))) {
      throw new AppError(
        'unavailable',
        'The encryption key in the keychain is damaged.',
        'Restore the keychain from a backup.',
      );
    }
    this.keys = { current, next };
    return this.keys;
  }

  /** Encrypts a token for the database. During a rotation, under the new key. */
  async encrypt(plaintext: string): Promise<string> {
    const { current, next } = await this.loadKeys();
    return encrypt(next ?? current, plaintext);
  }

  async decrypt(token: string): Promise<string> {
    const { current, next } = await this.loadKeys();
    return decryptWithAny([current, next], token);
  }

  /**
   * A keychain that cannot be reached answers "no such entry" on Linux, so an
   * absent secret is checked against the keychain itself: "the keychain is not
   * there" and "the secret is not in it" call for very different next steps.
   */
  async getSecret(name: SecretName): Promise<string | null> {
    const value = await this.withKeychain((k) => k.get(name));
    if (value !== null || !this.keychain) return value;
    const probe = await probeKeychain(this.keychain);
    if (!probe.available)
      throw new AppError(
        'unavailable',
        `The keychain (${this.keychain.description}) cannot be reached (${probe.reason}), so the secrets kept in it cannot be read.`,
        PROVIDE_KEYCHAIN,
      );
    return null;
  }

  async setSecret(name: SecretName, value: string): Promise<void> {
    await this.withKeychain((k) => k.set(name, value));
  }

  deleteSecret(name: SecretName): Promise<boolean> {
    return this.withKeychain((k) => k.delete(name));
  }

  /** A keychain that refuses (no Secret Service, access denied) is reported as having none, never raw. */
  private async withKeychain<T>(work: (keychain: Keychain) => Promise<T>): Promise<T> {
    const keychain = this.usable();
    try {
      return await work(keychain);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw NO_KEYCHAIN;
    }
  }

  /**
   * Re-encrypts every stored token under a new key. Safe to interrupt at any
   * point: the new key is saved as `next` before any token changes, tokens
   * change in one database transaction, and reading tries both keys, so every
   * token stays readable; a later call (or `resumeRotation`) finishes the job.
   */
  async rotateKey(store: Store): Promise<{ rewritten: number }> {
    const keychain = this.usable();
    const { current, next: pending } = await this.loadKeys();
    const next = pending ?? generateKey();
    if (!pending) await keychain.set(ACCOUNT.next, next);
    this.keys = { current, next };
    const rewritten = await store.rewriteBankTokens((token) => encrypt(next, decryptWithAny([current, next], token)));
    await keychain.set(ACCOUNT.key, next);
    await keychain.delete(ACCOUNT.next);
    this.keys = { current: next, next: null };
    return { rewritten };
  }

  /** Finishes a rotation an earlier run could not complete; does nothing otherwise. */
  async resumeRotation(store: Store): Promise<boolean> {
    if (!this.keychain || (await this.loadKeys()).next === null) return false;
    await this.rotateKey(store);
    return true;
  }
}

function decryptWithAny(keys: (string | null)[], token: string): string {
  for (const key of keys) {
    if (!key) continue;
    try {
      return decryptText(key, token);
    } catch (error) {
      if (!(error instanceof InvalidToken)) throw error;
    }
  }
  throw new AppError(
    'unavailable',
    'A stored secret cannot be decrypted with the key in this keychain.',
    'If the keychain was reset, reconnect the bank or re-enter the secret.',
  );
}
