// What can stop a store whatever its engine, said once: another process
// holding the write lock, a store that cannot be written.
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
