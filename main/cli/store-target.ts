// The store a command works on: --db when given, else the app's own (a
// PostgreSQL store is started first when Spending runs its server).
import { parseStoreTarget, type StoreTarget } from '../../db/open-store.js';
import { userDataDir } from '../services/config/app-paths.js';
import { activeStore, loadConfig } from '../services/config/config.js';
import { secretsFromConfig } from '../services/secrets/security-settings.js';

export async function resolveTarget(db: string | undefined): Promise<StoreTarget> {
  if (db) return parseStoreTarget(db);
  const dataDir = userDataDir();
  const config = await loadConfig(dataDir);
  const { storeTarget } = await import('../services/postgres/postgres-service.js');
  return storeTarget(activeStore(dataDir, config), { dataDir, config, secrets: secretsFromConfig(config) });
}
