// Runs the `spending` command, in process or as its own process, capturing what it prints.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../main/cli.js';

export async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
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
  /** Added to this process's environment. */
  env?: Record<string, string>;
  /** Run as this user and group (only root may); for stores another user cannot write. */
  uid?: number;
  gid?: number;
}

/** Runs `spending` as its own process, as a user would, and resolves when it exits. */
export function cliProcess(
  argv: string[],
  options: CliProcessOptions = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  if (!existsSync(CLI_BUNDLE)) throw new Error(`${CLI_BUNDLE} is missing: run npm run build:cli`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BUNDLE, ...argv], {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.uid === undefined ? {} : { uid: options.uid }),
      ...(options.gid === undefined ? {} : { gid: options.gid }),
    });
    const chunks = { out: '', err: '' };
    child.stdout.on('data', (c: Buffer) => (chunks.out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (chunks.err += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: chunks.out, stderr: chunks.err }));
  });
}
