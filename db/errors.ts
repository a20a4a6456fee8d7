// Errors that services raise on purpose. They carry a stable code, a message
// for people and, where there is one, the next step to take. The IPC layer
// sends only these fields to the renderer; anything else becomes an
// 'internal' error without details.
export type ErrorCode =
  'invalid_input' | 'not_found' | 'conflict' | 'protected' | 'unavailable' | 'forbidden' | 'disk_full' | 'internal';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly remedy?: string,
    /**
     * The input field an invalid_input error is about ("amountPence", "server.port"), kept
     * apart from the message so a form can show the message beside that field in people's words.
     */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** A schema's first complaint as the error people see: its message, with the field it is about kept apart. */
export function invalidInput(issues: readonly { path: readonly PropertyKey[]; message: string }[]): AppError {
  const first = issues[0];
  const field = first?.path.length ? first.path.map(String).join('.') : undefined;
  return new AppError('invalid_input', first?.message ?? 'Something in the request is not valid.', undefined, field);
}
