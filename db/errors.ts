// Errors that services raise on purpose. They carry a stable code, a message
// for people and, where there is one, the next step to take. The IPC layer
// sends only these three fields to the renderer; anything else becomes an
// 'internal' error without details.
export type ErrorCode =
  'invalid_input' | 'not_found' | 'conflict' | 'protected' | 'unavailable' | 'forbidden' | 'disk_full' | 'internal';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly remedy?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
