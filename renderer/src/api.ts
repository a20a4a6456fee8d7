// The renderer's only door to the main process. Every call unwraps the
// ApiResult envelope so components deal in values and thrown ApiErrors.
import type { Api, ApiResult, MethodInput, MethodName, MethodOutput, WireError } from '../../preload/contract.js';

declare global {
  interface Window {
    api: Api;
  }
}

export class ApiError extends Error {
  readonly code: string;
  readonly remedy: string | undefined;
  /** The input field an invalid_input error is about, when there is one. */
  readonly field: string | undefined;

  constructor(error: WireError) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    this.remedy = error.remedy;
    this.field = error.field;
  }
}

const bridgeMissing = new ApiError({
  code: 'unavailable',
  message: 'Spending cannot reach its database from this window.',
  remedy: 'Open Spending from the desktop app rather than in a web browser.',
});

// The bridge itself failing (not a handled error) means the main process is gone or broken;
// its raw error may hold internals, so only a generic explanation is shown.
const bridgeFailed = new ApiError({
  code: 'unavailable',
  message: 'Spending lost contact with its database process.',
  remedy: 'Close and reopen Spending. If it keeps happening, the log file has the details.',
});

export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  if (!('api' in window)) throw bridgeMissing;
  const invoke = window.api[method] as (input: MethodInput<M>) => Promise<ApiResult<MethodOutput<M>>>;
  let result: ApiResult<MethodOutput<M>>;
  try {
    result = await invoke(input);
  } catch {
    throw bridgeFailed;
  }
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

/** What to tell the user about any failure: ApiErrors as sent, anything else without internals. */
export function describeError(error: unknown): { message: string; remedy: string | undefined } {
  if (error instanceof ApiError) return { message: error.message, remedy: error.remedy };
  return {
    message: 'Something went wrong in this window.',
    remedy: 'Try again. If it keeps happening, reload the window with Ctrl+R (Cmd+R on a Mac).',
  };
}

/** A failure with the field it is about (see db/errors.ts), so a form can show it next to that field. */
export function fieldError(error: unknown): { field: string | null; message: string; remedy: string | undefined } {
  return { field: error instanceof ApiError ? (error.field ?? null) : null, ...describeError(error) };
}
