import { AppError } from './errors.js';

/**
 * Runs a store's migrations; a failure becomes an error that says what
 * happened and what to do, instead of a raw SQL message. Migrations run in a
 * transaction, so a failed one leaves the store as it was.
 */
export async function migrateOrExplain(
  migrate: () => void | Promise<void>,
  where: string,
  /** The dialect's own explanation of a driver error (busy, read-only, disk full), if it has one. */
  explain: (driverError: unknown) => unknown = (driverError) => driverError,
): Promise<void> {
  try {
    await migrate();
  } catch (error) {
    const explained = explain((error as { cause?: unknown }).cause ?? error);
    if (explained instanceof AppError) throw explained;
    const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
    throw new AppError(
      'unavailable',
      `Could not bring the database at ${where} up to this version of Spending: ${cause.split('\n')[0]}`,
      'Nothing was changed. If a newer Spending created this store, use that version; otherwise restore a backup.',
    );
  }
}
