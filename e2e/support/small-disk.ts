// A real, small filesystem for disk-full tests: a tmpfs of a few MB, so a
// store, a backup or a restore runs out of space for real (ENOSPC,
// SQLITE_FULL) without touching the machine's disks. Mounting needs root on
// Linux; elsewhere the tests say why they did not run, and under CI=true
// that counts as a failure only where root could have mounted one.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  /** The mount point, 0755 and empty. */
  readonly dir: string;
  readonly freeBytes: () => number;
  readonly unmount: () => void;
}

export function mountSmallDisk(megabytes: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'spending-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${String(megabytes)}m,mode=0755`, 'tmpfs', dir], {
      stdio: 'pipe',
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    freeBytes: () => {
      const s = statfsSync(dir);
      return s.bavail * s.bsize;
    },
    unmount: () => {
      execFileSync('umount', [dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Why no small disk can be mounted here, or undefined when one can. */
export function smallDiskUnavailable(): string | undefined {
  if (process.platform !== 'linux') return `tmpfs mounts need Linux, not ${process.platform}`;
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root';
  try {
    mountSmallDisk(1).unmount();
    return undefined;
  } catch (error) {
    return `mount -t tmpfs failed: ${(error as { stderr?: Buffer }).stderr?.toString().trim() ?? String(error)}`;
  }
}
