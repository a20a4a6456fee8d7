// Backups on disk: userData/backups/<id>.<sqlite|dump> plus <id>.json, the
// manifest that makes a backup complete. A backup is written under a
// `.partial` name and renamed only once whole, and its manifest comes last,
// so a failed or interrupted backup can never replace or damage an earlier one.
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { format } from 'date-fns';
import { z } from 'zod';
import { sha256File } from '../../../db/file-sha256.js';
import { ensurePrivateDir } from '../../../db/private-files.js';
import { PROVIDER_KINDS } from '../postgres/types.js';
import { backupRunning, type SqliteBinding } from './backup-lock.js';

export const backupsDir = (dataDir: string) => join(dataDir, 'backups');

const Fingerprint = z.object({ rows: z.number().int(), checksum: z.string() });

export const BackupManifest = z.object({
  format: z.literal('spending-backup'),
  version: z.literal(1),
  id: z.string(),
  createdAt: z.string(),
  trigger: z.enum(['manual', 'scheduled', 'before-restore', 'before-move', 'before-import']),
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('sqlite'), path: z.string() }),
    z.object({ kind: z.literal('postgres'), provider: z.enum(PROVIDER_KINDS), serverVersion: z.string() }),
  ]),
  /** File name inside the backups folder. */
  file: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  tables: z.record(z.string(), Fingerprint),
  ms: z.number(),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

/** e.g. spending-sqlite-20261125-021034-123: sortable, readable, unique per millisecond. */
export function backupId(kind: 'sqlite' | 'postgres', now: Date): string {
  return `${BACKUP_ID_PREFIX}${kind}-${format(now, 'yyyyMMdd-HHmmss-SSS')}`;
}

const BACKUP_ID_PREFIX = 'spending-';

export const PARTIAL = '.partial';

export function prepareDir(dir: string): void {
  ensurePrivateDir(dir);
}

/** The id a backup's file, partial file, journal or lock belongs to. */
const idOf = (name: string) => name.slice(0, name.indexOf('.'));

/**
 * Leftovers of backups that died (a crash, kill -9, a power cut): partial
 * files, SQLite's journal beside them, lock files. A backup still running
 * holds its lock (backup-lock.ts), so its files stay, in this process or another.
 */
export async function removePartials(dir: string, options: SqliteBinding = {}): Promise<string[]> {
  // Only backups' own files: others in the folder (the legacy import's copies) are not ours to judge.
  const names = (await readdir(dir).catch(() => [] as string[])).filter(
    (n) => n.startsWith(BACKUP_ID_PREFIX) && (n.includes(PARTIAL) || n.endsWith('.lock')),
  );
  const dead = new Set(names.map(idOf).filter((id) => !backupRunning(dir, id, options)));
  const removed = names.filter((n) => dead.has(idOf(n)));
  await Promise.all(removed.map((n) => rm(join(dir, n), { force: true })));
  return removed;
}

export { sha256File };

export async function writeManifest(dir: string, manifest: BackupManifest): Promise<void> {
  const temp = join(dir, `${manifest.id}.json${PARTIAL}`);
  await writeFile(temp, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, join(dir, `${manifest.id}.json`));
}

/** Complete backups, newest first. Files without a valid manifest are not backups. */
export async function listBackups(dir: string): Promise<BackupManifest[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const manifests: BackupManifest[] = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    try {
      const parsed = BackupManifest.safeParse(JSON.parse(await readFile(join(dir, name), 'utf8')));
      if (parsed.success && names.includes(parsed.data.file)) manifests.push(parsed.data);
    } catch {
      // An unreadable manifest is skipped, never deleted: it may be the user's.
    }
  }
  return manifests.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function removeBackup(dir: string, manifest: BackupManifest): Promise<void> {
  // Manifest first: a backup without one is no longer listed, even if removing the data fails.
  await rm(join(dir, `${manifest.id}.json`), { force: true });
  await rm(join(dir, manifest.file), { force: true });
}
