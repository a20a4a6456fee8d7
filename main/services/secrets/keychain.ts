// Where secrets rest: a small interface so the OS keychain and the
// passphrase-protected key file (for machines without one) are
// interchangeable. Values are opaque strings; nothing here logs them.
import { AsyncEntry } from '@napi-rs/keyring';

export type KeychainBackend = 'os-keychain' | 'passphrase-file';

export interface Keychain {
  readonly backend: KeychainBackend;
  /** For people: which store this is, e.g. "Secret Service (GNOME Keyring, KWallet)". */
  readonly description: string;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

export const KEYCHAIN_SERVICE = 'Spending';

function osDescription(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'macOS Keychain';
    case 'win32':
      return 'Windows Credential Manager';
    default:
      return 'Secret Service (GNOME Keyring, KWallet)';
  }
}

/** The OS keychain through @napi-rs/keyring; `service` separates tests from the real app. */
export function osKeychain(service = KEYCHAIN_SERVICE, platform = process.platform): Keychain {
  const entry = (account: string) => new AsyncEntry(service, account);
  return {
    backend: 'os-keychain',
    description: osDescription(platform),
    get: (account) => entry(account).getPassword(),
    set: (account, secret) => entry(account).setPassword(secret),
    delete: (account) => entry(account).deletePassword(),
  };
}

export type Availability = { available: true } | { available: false; reason: string };

/**
 * Whether a keychain works right now: write, read back and delete a probe.
 * On Linux without a running Secret Service this is where it shows.
 */
export async function probeKeychain(keychain: Keychain): Promise<Availability> {
  const account = `probe-${process.pid}-${Date.now()}`;
  try {
    await keychain.set(account, 'probe');
    const back = await keychain.get(account);
    await keychain.delete(account);
    return back === 'probe' ? { available: true } : { available: false, reason: 'it did not return what was stored' };
  } catch (error) {
    // The native error names the platform failure, never a stored value.
    return { available: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
