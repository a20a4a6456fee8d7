// Maps each contract method to the service that does the work.
import type { SecuritySettings } from '../services/secrets/security-settings.js';
import { createBankHandlers, type BankHandlerContext } from './bank-handlers.js';
import { createDatabaseHandlers, type DatabaseHandlerContext } from './database-handlers.js';
import type { Handlers } from './dispatch.js';
import { createImportHandlers, type ImportHandlerContext } from './import-handlers.js';
import { createStoreHandlers, type StoreHandlerContext } from './store-handlers.js';

export interface HandlerContext extends StoreHandlerContext {
  security: SecuritySettings;
  database: DatabaseHandlerContext;
  bank: BankHandlerContext;
  imports: Omit<ImportHandlerContext, 'store'>;
}

export function createHandlers(ctx: HandlerContext): Handlers {
  return {
    ...createStoreHandlers(ctx),
    getSecurityStatus: () => ctx.security.status(),
    useKeyFile: ({ passphrase }) => ctx.security.useKeyFile(passphrase),
    rotateEncryptionKey: () => ctx.security.rotateKey(),
    importLegacyEnv: () => ctx.security.importLegacyEnv(),
    ...createDatabaseHandlers(ctx.database),
    ...createBankHandlers(ctx.bank),
    ...createImportHandlers({ ...ctx.imports, store: () => ctx.store() }),
  };
}
