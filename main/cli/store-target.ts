// The store a command works on: a SQLite path, a postgres:// URL, or the name
// of a server Spending runs (embedded, docker) or uses (external), whose
// password the command fetches itself from the keychain or the key file, as
// the app does; without any, the app's own store. A PostgreSQL server Spending
// runs is started first.
import { parseStoreTarget, type StoreTarget } from '../../db/open-store.js';
import { userDataDir } from '../services/config/app-paths.js';
import { activeStore, loadConfig, type StoreSetting } from '../services/config/config.js';
import { PROVIDER_KINDS, type ProviderKind } from '../services/postgres/types.js';
import { unlockedSecrets } from '../services/secrets/security-settings.js';

/** A key file's passphrase cannot be asked for here: the CLI takes it from SPENDING_PASSPHRASE. */
export const cliSecrets = (dataDir: string) => unlockedSecrets(dataDir, process.env.SPENDING_PASSPHRASE);

const isProvider = (text: string): text is ProviderKind => (PROVIDER_KINDS as readonly string[]).includes(text);

/** For option help: what a store argument may be. */
export const STORE_ARGUMENT = 'SQLite path, postgres:// URL, or embedded | docker | external';

export async function resolveTarget(text: string | undefined): Promise<StoreTarget> {
  const provider = text !== undefined && isProvider(text) ? text : undefined;
  if (text !== undefined && !provider) return parseStoreTarget(text);
  const dataDir = userDataDir();
  const config = await loadConfig(dataDir);
  const setting: StoreSetting = provider ? { kind: 'postgres', provider } : activeStore(dataDir, config);
  const { storeTarget } = await import('../services/postgres/postgres-service.js');
  return storeTarget(setting, { dataDir, config, secrets: await cliSecrets(dataDir) });
}
