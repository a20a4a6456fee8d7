// The generic half of the IPC router, free of Electron so tests and the
// Chromium harness use it as is: look the method up in the contract, parse
// the input, call the handler, check the output, and turn any failure into a
// WireError that carries no stack and no secret.
import { AppError, invalidInput } from '../../db/errors.js';
import { ConstraintError } from '../../db/sql/executor.js';
import { diskFullAnywhere } from '../../db/store-errors.js';
import type { z } from 'zod';
import {
  contract,
  type ApiResult,
  type Contract,
  type MethodName,
  type MethodOutput,
  type WireError,
} from '../../preload/contract.js';

/** Handlers receive the input after zod has parsed it (defaults applied). */
export type Handlers = {
  [M in MethodName]: (input: z.output<Contract[M]['input']>) => Promise<MethodOutput<M>>;
};

export type Dispatch = (method: string, input: unknown) => Promise<ApiResult<unknown>>;

export interface DispatchOptions {
  /** Receives unexpected errors, for the local log only; the caller sees a generic message. */
  onInternalError?: (method: string, error: unknown) => void;
}

export function toWireError(error: unknown): WireError {
  // A full disk is the user's to fix, wherever it surfaced: never "something went wrong".
  const explained = diskFullAnywhere(error) ?? error;
  if (explained instanceof AppError) {
    return {
      code: explained.code,
      message: explained.message,
      ...(explained.remedy ? { remedy: explained.remedy } : {}),
      ...(explained.field ? { field: explained.field } : {}),
    };
  }
  if (error instanceof ConstraintError) {
    return { code: 'conflict', message: 'The database refused this change because it conflicts with existing data.' };
  }
  return {
    code: 'internal',
    message: 'Something went wrong inside Spending.',
    remedy: 'Try again; if it keeps happening, the log file has the details.',
  };
}

function isMethod(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}

const unknownMethod = (method: string): ApiResult<unknown> => ({
  ok: false,
  error: { code: 'invalid_input', message: `Unknown method ${JSON.stringify(method)}.` },
});

/** `handlers` may answer part of the contract (a store worker does); other methods are unknown to it. */
export function createDispatcher(handlers: Partial<Handlers>, options: DispatchOptions = {}): Dispatch {
  return async (method, input) => {
    if (!isMethod(method)) return unknownMethod(method);
    const spec = contract[method];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) return { ok: false, error: toWireError(invalidInput(parsed.error.issues)) };
    const handler = handlers[method] as ((input: unknown) => Promise<unknown>) | undefined;
    if (!handler) return unknownMethod(method);
    try {
      const value = spec.output.parse(await handler(parsed.data));
      return { ok: true, value };
    } catch (error) {
      if (!(error instanceof AppError)) options.onInternalError?.(method, error);
      return { ok: false, error: toWireError(error) };
    }
  };
}
