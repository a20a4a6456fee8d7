// PostgreSQL refuses to run as root. When Spending itself runs as root (CI
// containers, some servers), its own servers run as the `postgres` account.
import { execFile } from 'node:child_process';
import { chown, readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
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

/** `path` itself or, while it does not exist yet, the nearest ancestor that does. */
async function nearestExisting(path: string): Promise<string> {
  const isDirectory = (p: string) =>
    stat(p).then(
      (s) => s.isDirectory(),
      () => false,
    );
  let dir = resolve(path);
  while (dirname(dir) !== dir && !(await isDirectory(dir))) dir = dirname(dir);
  return dir;
}

/** The directory on the way to `dir` whose mode bits shut the account out, to name it to the user. */
async function closedStep(dir: string, account: RunAs): Promise<string | undefined> {
  const chain: string[] = [];
  for (let step = dir; ; step = dirname(step)) {
    chain.unshift(step);
    if (dirname(step) === step) break;
  }
  for (const step of chain) {
    const info = await stat(step);
    // The kernel's rule for one user and one group: Node's child processes drop supplementary groups.
    const bit = info.uid === account.uid ? 0o100 : info.gid === account.gid ? 0o010 : 0o001;
    if (!(info.mode & bit)) return `${step} (mode ${(info.mode & 0o777).toString(8)}, owner uid ${String(info.uid)})`;
  }
  return undefined;
}

/**
 * Refuses before anything is written when the postgres account cannot reach
 * `path`: initdb would fail half way with "Permission denied" on the password
 * file instead (a root whose home is mode 0700 is the usual case). The kernel
 * is asked, through a shell running as the account, so ACLs count too.
 */
export async function assertReachable(
  path: string,
  account: RunAs,
  text: { what: string; elsewhere: string },
): Promise<void> {
  const dir = await nearestExisting(path);
  const entered = await run('/bin/sh', ['-c', 'cd -- "$1"', 'sh', dir], account).then(
    () => true,
    () => false,
  );
  if (entered) return;
  const blocker = (await closedStep(dir, account)) ?? dir;
  throw new AppError(
    'unavailable',
    `Spending runs as root, so PostgreSQL runs as the "postgres" account, and that account cannot enter ${blocker} ` +
      `to reach ${text.what} at ${path}.`,
    `Run Spending as a normal user, or ${text.elsewhere}. The Docker provider has no such limit.`,
  );
}
