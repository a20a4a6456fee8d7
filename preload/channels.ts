// The names that cross the IPC boundary, with no dependencies, so the
// sandboxed preload can use them without bundling zod and every schema.
// contract.ts declares one schema per name and `satisfies` makes tsc fail if
// the two lists ever disagree.
export const METHOD_NAMES = [
  'getAppInfo',
  'listTransactions',
  'countTransactions',
  'addTransaction',
  'updateTransaction',
  'deleteTransaction',
  'listCategories',
  'addCategory',
  'renameCategory',
  'deleteCategory',
  'addKeyword',
  'removeKeyword',
  'listAccountMappings',
  'saveAccountMapping',
  'deleteAccountMapping',
  'categoryStats',
  'monthlyStats',
  'getSecurityStatus',
  'useKeyFile',
  'rotateEncryptionKey',
  'importLegacyEnv',
  'getDatabaseOverview',
  'startDatabase',
  'stopDatabase',
  'getDatabaseLogs',
  'destroyDatabase',
  'getDatabaseSettings',
  'saveDatabaseSettings',
  'testExternalConnection',
  'listBackups',
  'backupNow',
  'getRunningBackup',
  'followBackup',
  'cancelBackup',
  'restoreBackup',
  'planMove',
  'startMove',
  'cancelMove',
  'switchStore',
  'chooseLegacyFile',
  'importLegacy',
  'getBankSettings',
  'saveBankSettings',
  'linkBank',
  'completeBankLink',
  'cancelBankLink',
  'listBankConnections',
  'syncBank',
  'cancelBankSync',
  'disconnectBank',
  'extendBankConsent',
  'bankBalanceHistory',
] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

export const EVENT_NAMES = ['db:status', 'db:progress', 'move:progress', 'bank:progress'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export const invokeChannel = (method: MethodName) => `api:${method}`;
export const eventChannel = (event: EventName) => `event:${event}`;
