// Whether two store targets are one database, however each is spelled: a
// SQLite file by the file itself (a symlink, ../ or a hard link lead to the
// same one), a PostgreSQL database by its server and name (who connects, with
// which password or options, does not make it another database).
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { StoreTarget } from './open-store.js';

export function sameStore(a: StoreTarget, b: StoreTarget): boolean {
  if (a.kind === 'sqlite' && b.kind === 'sqlite') return sameFile(a.path, b.path);
  if (a.kind === 'postgres' && b.kind === 'postgres') return databaseOf(a.url) === databaseOf(b.url);
  return false;
}

function sameFile(a: string, b: string): boolean {
  const [x, y] = [fileId(a), fileId(b)];
  // A file that does not exist yet is another file, unless both name the same path.
  return x && y ? x === y : resolve(a) === resolve(b);
}

function fileId(path: string): string | null {
  try {
    const stat = statSync(path, { bigint: true });
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return null;
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** host:port/database as libpq would resolve them (its defaults: port 5432, database named after the user). */
function databaseOf(text: string): string {
  const url = new URL(text);
  const host = (url.hostname || url.searchParams.get('host') || 'localhost').toLowerCase();
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || decodeURIComponent(url.username);
  return `${LOOPBACK.has(host) ? 'localhost' : host}:${url.port || '5432'}/${database}`;
}
