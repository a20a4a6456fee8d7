// The AppError for a file that cannot be imported at all (as opposed to an
// unreadable row, which is listed and the rest kept). Nothing is written.
import { AppError } from '../../../../db/errors.js';

/** badFile('bank.csv', 'is empty.', 'Download …') -> AppError "bank.csv is empty." */
export function badFile(fileName: string | undefined, problem: string, remedy: string): AppError {
  return new AppError('invalid_input', `${fileName ?? 'The file'} ${problem}`, remedy);
}

export const DOWNLOAD_AGAIN = 'Download the statement again from your bank and import the new file.';
