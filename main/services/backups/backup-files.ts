// Backups on disk: userData/backups/<id>.<sqlite|dump> plus <id>.json, the
// manifest that makes a backup complete. A backup is written under a
// `.partial` name and renamed only once whole, and its manifest comes last,
// so a failed or interrupted backup can never replace or damage an earlier one.
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { format } from 'date-fns';
import { z } from 'zod';
import { sha256File } from '../../../db/file-sha256.js';
import { ensurePrivateDir } from '../../../db/private-files.js';
import { PROVIDER_KINDS } from '../postgres/types.js';

export const backupsDir = (dataDir: string) => join(dataDir, 'backups');

const Fingerprint = z.object({ rows: z.number().int(), checksum: z.string() });

export const BackupManifest = z.object({
  format: z.literal('spending-backup'),
  version: z.literal(1),
  id: z.string(),
  createdAt: z.string(),
  trigger: z.enum(['manual', 'scheduled', 'before-restore']),
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
  return `spending-${kind}-${format(now, 'yyyyMMdd-HHmmss-SSS')}`;
}

export const PARTIAL = '.partial';

export function prepareDir(dir: string): void {
  ensurePrivateDir(dir);
}

/**
 * Leftovers of backups that were interrupted (power cut, kill -9). A partial
 * file still being written is fresh, so only ones untouched for an hour go:
 * a backup never deletes another that is running.
 */
export async function removePartials(dir: string, now = Date.now()): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const stale: string[] = [];
  for (const name of names.filter((n) => n.endsWith(PARTIAL))) {
    const modified = await stat(join(dir, name)).then(
      (s) => s.mtimeMs,
      () => now,
    );
    if (now - modified > STALE_PARTIAL_MS) stale.push(name);
  }
  await Promise.all(stale.map((n) => rm(join(dir, n), { force: true })));
  return stale;
}

const STALE_PARTIAL_MS = 60 * 60 * 1000;

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
