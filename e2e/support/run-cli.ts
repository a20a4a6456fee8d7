// Runs the `spending` command in process, capturing what it prints.
import { PassThrough } from 'node:stream';
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
