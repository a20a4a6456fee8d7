// What can stop a store whatever its engine, said once: another process
// holding the write lock, a store that cannot be written, a full disk.
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from './errors.js';

export function storeBusy(where: string): AppError {
  return new AppError(
    'unavailable',
    `Another Spending process is writing to ${where}.`,
    'Try again when it finishes. Nothing was changed.',
  );
}

export function storeReadOnly(where: string): AppError {
  return new AppError(
    'forbidden',
    `${where} is read-only, so changes cannot be saved.`,
    'Make the file and its folder writable (or copy the store to a folder you can write to), then try again.',
  );
}

const DISK_FULL_CODES: ReadonlySet<unknown> = new Set(['ENOSPC', 'SQLITE_FULL', '53100']);

export interface DiskFullDetails {
  /** What ran out of room, to go after "The disk is full:": "adding 100,000 demo transactions". */
  what?: string;
  /** A folder on the full disk, when it is on this computer; its free space is reported. */
  dir?: string;
  /** The disk is the PostgreSQL server's, which Spending cannot look at. */
  onServer?: boolean;
  /** What the whole operation needs, when it can be estimated. */
  neededBytes?: number;
  /** False when what the attempt wrote may still be there (the failure was not cleaned up after). */
  keptNothing?: boolean;
}

export class DiskFullError extends AppError {
  constructor(
    message: string,
    remedy: string,
    readonly details: DiskFullDetails,
  ) {
    super('disk_full', message, remedy);
  }
}

/** No space left: from Node (ENOSPC), SQLite (SQLITE_FULL) or PostgreSQL (53100 disk_full), wrapped or not. */
export function isDiskFull(error: unknown): boolean {
  if (error instanceof AppError) return error.code === 'disk_full';
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: unknown };
  return DISK_FULL_CODES.has(code) || (cause !== undefined && cause !== error && isDiskFull(cause));
}

const mb = (bytes: number) => `${Math.max(1, Math.ceil(bytes / 1e6)).toLocaleString('en-GB')} MB`;

export function freeBytes(dir: string): number | undefined {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return undefined;
  }
}

/**
 * The disk filled up. Callers remove what the attempt wrote before throwing
 * this, so the free space it reports is what the user has to work with.
 */
export function diskFull(details: DiskFullDetails): DiskFullError {
  const { what, dir, neededBytes } = details;
  const free = dir === undefined ? undefined : freeBytes(dir);
  const disk =
    dir !== undefined
      ? `the disk holding ${dir}`
      : details.onServer
        ? "the PostgreSQL server's disk"
        : 'a disk it writes to';
  const needs =
    neededBytes === undefined
      ? free === undefined
        ? ''
        : ` ${mb(free)} are free now.`
      : ` It needs about ${mb(neededBytes)}${free === undefined ? '' : `, and ${mb(free)} are free`}.`;
  const shortBy = neededBytes !== undefined && free !== undefined ? neededBytes - free : 0;
  return new DiskFullError(
    `The disk is full: ${what ?? 'Spending'} ran out of room on ${disk}.${needs}`,
    `Free up ${shortBy > 0 ? `at least ${mb(shortBy)}` : 'space'} on that disk, then try again.${details.keptNothing === false ? '' : ' Nothing from this attempt was kept.'}`,
    details,
  );
}

/**
 * A disk-full failure said for the operation that met it, with what the
 * caller knows (what it was doing, an estimate of the space it needs) added
 * to what the failing layer knew; any other error unchanged.
 */
export function diskFullDuring(error: unknown, details: DiskFullDetails): unknown {
  if (!isDiskFull(error)) return error;
  const known = error instanceof DiskFullError ? error.details : {};
  return diskFull({
    ...details,
    ...(known.dir !== undefined && details.dir === undefined ? { dir: known.dir } : {}),
    ...(known.onServer ? { onServer: true } : {}),
    ...(known.neededBytes !== undefined ? { neededBytes: known.neededBytes } : {}),
  });
}

/** A raw disk-full failure nobody said more about, as an AppError; an ENOSPC names its file, so its folder is known. */
export function diskFullAnywhere(error: unknown): DiskFullError | undefined {
  if (error instanceof AppError || !isDiskFull(error)) return undefined;
  const path = (error as { path?: unknown }).path;
  return diskFull({ keptNothing: false, ...(typeof path === 'string' ? { dir: dirname(path) } : {}) });
}
