// PostgreSQL refuses to run as root. When Spending itself runs as root (CI
// containers, some servers), its own servers run as the `postgres` account.
import { execFile } from 'node:child_process';
import { chown, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../../../db/errors.js';

const run = promisify(execFile);

export interface RunAs {
  uid: number;
  gid: number;
}

/** undefined when we are not root, so the server runs as us. */
export async function serverAccount(): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    throw new AppError(
      'unavailable',
      'Spending is running as root, and PostgreSQL refuses to run as root; there is no "postgres" account to run it as.',
      'Run Spending as a normal user, or create the account: useradd --system postgres.',
    );
  }
}

export async function chownTree(path: string, account: RunAs): Promise<void> {
  await chown(path, account.uid, account.gid);
  for (const entry of await readdir(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) await chownTree(child, account);
    else await chown(child, account.uid, account.gid);
  }
}
