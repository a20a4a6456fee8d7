// Runs the `spending` command in process, capturing what it prints, or as its
// own process from the built bundle (`npm run build:cli`), as users run it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../main/cli.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(...argv: string[]): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (c: Buffer) => (chunks.out += c.toString()));
  stderr.on('data', (c: Buffer) => (chunks.err += c.toString()));
  const code = await runCli(argv, { stdout, stderr });
  return { code, stdout: chunks.out, stderr: chunks.err };
}

/** The built command (`npm run build:cli`), for tests that need a separate process. */
export const CLI_BUNDLE = fileURLToPath(new URL('../../out/cli/spending.js', import.meta.url));

export interface CliProcessOptions {
  /** Added to this process's environment (SPENDING_HOME, for instance). */
  env?: Record<string, string>;
  /** Run as this user and group (only root may); for stores another user cannot write. */
  uid?: number;
  gid?: number;
  /**
   * Stands in for a full disk: a write past it fails (EFBIG, which node does
   * not let kill the process), as one would with ENOSPC.
   */
  fileSizeLimitKiB?: number;
}

/** Runs `spending` as its own process, as a user would, and resolves when it exits. */
export function cliProcess(argv: string[], options: CliProcessOptions = {}): Promise<CliResult> {
  if (!existsSync(CLI_BUNDLE)) throw new Error(`${CLI_BUNDLE} is missing: run npm run build:cli`);
  const command = [process.execPath, CLI_BUNDLE, ...argv];
  const [file, ...args] =
    options.fileSizeLimitKiB === undefined
      ? command
      : ['bash', '-c', `ulimit -f ${options.fileSizeLimitKiB} && exec "$@"`, 'bash', ...command];
  return new Promise((resolve, reject) => {
    const child = spawn(file ?? '', args, {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.uid === undefined ? {} : { uid: options.uid }),
      ...(options.gid === undefined ? {} : { gid: options.gid }),
    });
    const chunks = { out: '', err: '' };
    child.stdout.on('data', (c: Buffer) => (chunks.out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (chunks.err += c.toString()));
    child.once('error', reject);
    child.once('close', (code, signal) =>
      resolve({ code: code ?? (signal ? 128 : 1), stdout: chunks.out, stderr: chunks.err }),
    );
  });
}
