// The store a command works on: --db when given, else the app's own (a
// PostgreSQL store is started first when Spending runs its server).
import { parseStoreTarget, type StoreTarget } from '../../db/open-store.js';
import { ensurePrivateDir } from '../../db/private-files.js';
import { userDataDir } from '../services/config/app-paths.js';
import { activeStore, loadConfig, mayCreateActiveStore } from '../services/config/config.js';
import { secretsFromConfig } from '../services/secrets/security-settings.js';

export interface ResolvedStore {
  target: StoreTarget;
  /** The app's own default store, which any command may create on a first run, as the app does. */
  appDefault: boolean;
}

export async function resolveStore(db: string | undefined): Promise<ResolvedStore> {
  if (db) return { target: parseStoreTarget(db), appDefault: false };
  const dataDir = userDataDir();
  const config = await loadConfig(dataDir);
  const appDefault = mayCreateActiveStore(config);
  if (appDefault) ensurePrivateDir(dataDir);
  const { storeTarget } = await import('../services/postgres/postgres-service.js');
  return {
    target: await storeTarget(activeStore(dataDir, config), { dataDir, config, secrets: secretsFromConfig(config) }),
    appDefault,
  };
}

export async function resolveTarget(db: string | undefined): Promise<StoreTarget> {
  return (await resolveStore(db)).target;
}
