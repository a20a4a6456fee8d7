// The store a command works on: a SQLite path, a postgres:// URL, or the name
// of a server Spending runs (embedded, docker) or uses (external), whose
// password the command fetches itself from the keychain or the key file, as
// the app does; without any, the app's own store. A PostgreSQL server Spending
// runs is started first.
import { parseStoreTarget, type StoreTarget } from '../../db/open-store.js';
import { ensurePrivateDir } from '../../db/private-files.js';
import { userDataDir } from '../services/config/app-paths.js';
import { activeStore, loadConfig, mayCreateActiveStore, type StoreSetting } from '../services/config/config.js';
import { PROVIDER_KINDS, type ProviderKind } from '../services/postgres/types.js';
import { unlockedSecrets } from '../services/secrets/security-settings.js';

/** A key file's passphrase cannot be asked for here: the CLI takes it from SPENDING_PASSPHRASE. */
export const cliSecrets = (dataDir: string) => unlockedSecrets(dataDir, process.env.SPENDING_PASSPHRASE);

const isProvider = (text: string): text is ProviderKind => (PROVIDER_KINDS as readonly string[]).includes(text);

/** For option help: what a store argument may be. */
export const STORE_ARGUMENT = 'SQLite path, postgres:// URL, or embedded | docker | external';

export interface ResolvedStore {
  target: StoreTarget;
  /** The app's own default store, which any command may create on a first run, as the app does. */
  appDefault: boolean;
}

export async function resolveStore(text: string | undefined): Promise<ResolvedStore> {
  const provider = text !== undefined && isProvider(text) ? text : undefined;
  if (text !== undefined && !provider) return { target: parseStoreTarget(text), appDefault: false };
  const dataDir = userDataDir();
  const config = await loadConfig(dataDir);
  const appDefault = !provider && mayCreateActiveStore(config);
  if (appDefault) ensurePrivateDir(dataDir);
  const setting: StoreSetting = provider ? { kind: 'postgres', provider } : activeStore(dataDir, config);
  const { storeTarget } = await import('../services/postgres/postgres-service.js');
  return { target: await storeTarget(setting, { dataDir, config, secrets: await cliSecrets(dataDir) }), appDefault };
}

export async function resolveTarget(text: string | undefined): Promise<StoreTarget> {
  return (await resolveStore(text)).target;
}
