// How CLI commands talk to the terminal. With --json, stdout carries exactly
// one JSON document and nothing else; people-facing text goes to stderr.
import type { Writable } from 'node:stream';
import { AppError } from '../../db/errors.js';
import { toWireError } from '../ipc/dispatch.js';

export interface CliIo {
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean };
  /** Where pasted answers come from; process.stdin unless a test supplies one. */
  stdin?: NodeJS.ReadableStream;
}

/** A failure whose JSON report is already on stdout: only the message goes to stderr. */
export class ReportedFailure extends AppError {}

export class Output {
  constructor(
    readonly io: CliIo,
    readonly json: boolean,
  ) {}

  /** The command's result: JSON on --json, else the human rendering. */
  result(value: unknown, human: () => string): void {
    this.io.stdout.write(this.json ? `${JSON.stringify(value)}\n` : `${human()}\n`);
  }

  /** Notes for people; never on stdout, so pipes and --json stay clean. */
  note(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }

  failure(error: unknown): number {
    const wire = toWireError(error);
    if (this.json && !(error instanceof ReportedFailure))
      this.io.stdout.write(`${JSON.stringify({ ok: false, error: wire })}\n`);
    // At a terminal the field stays in front of the message: there is no form to put it beside.
    this.io.stderr.write(`Error: ${wire.field ? `${wire.field}: ` : ''}${wire.message}\n`);
    // The command keeps no log file: its details are the lines printed here.
    const remedy =
      wire.code === 'internal' ? 'Try again; if it keeps happening, report it with the details below.' : wire.remedy;
    if (remedy) this.io.stderr.write(`Next: ${remedy}\n`);
    if (wire.code === 'internal' && error instanceof Error) this.io.stderr.write(`${error.message}\n`);
    return error instanceof AppError && error.code === 'invalid_input' ? 2 : 1;
  }
}
