import type { StoreInfo } from '../../../db/model.js';

export function dialectName(dialect: StoreInfo['dialect']): string {
  return dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
}
