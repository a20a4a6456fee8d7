// Runs a program inside the container and streams its stdout, with
// backpressure, to a file: pg_dump's archive can be larger than memory.
import { PassThrough, Transform, type Readable, type TransformCallback, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type Docker from 'dockerode';

/**
 * Docker multiplexes stdout and stderr on one connection in frames of an
 * 8-byte header (stream id, 3 zero bytes, big-endian length) and a payload.
 */
export class DockerDemux extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  stderr = '';

  /** `merge`: stderr goes down the stream too, in order (logs); otherwise it is only collected. */
  constructor(private readonly merge = false) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) break;
      const payload = this.pending.subarray(8, 8 + size);
      if (this.pending[0] === 2 && !this.merge) this.stderr = (this.stderr + payload.toString()).slice(-4_000);
      else this.push(payload);
      this.pending = this.pending.subarray(8 + size);
    }
    done();
  }
}

export interface ExecResult {
  exitCode: number | null;
  stderr: string;
}

export interface ExecStreamOptions {
  cmd: string[];
  env?: string[];
  /** The image's own user when not given (root in the official images). */
  user?: string;
  stdout?: Writable;
  stdin?: Readable;
  signal?: AbortSignal;
  onBytes?: (bytes: number) => void;
}

export async function execStream(container: Docker.Container, options: ExecStreamOptions): Promise<ExecResult> {
  const exec = await container.exec({
    Cmd: options.cmd,
    ...(options.env ? { Env: options.env } : {}),
    ...(options.user ? { User: options.user } : {}),
    AttachStdout: true,
    AttachStderr: true,
    AttachStdin: Boolean(options.stdin),
  });
  const stream = (await exec.start({ hijack: true, stdin: Boolean(options.stdin) })) as NodeJS.ReadWriteStream & {
    destroy(error?: Error): void;
  };
  const demux = new DockerDemux();
  let bytes = 0;
  const count = (chunk: Buffer) => options.onBytes?.((bytes += chunk.length));
  const counter = new PassThrough();
  if (!options.stdin) counter.on('data', count);
  else options.stdin.on('data', count);
  const onAbort = () => stream.destroy(new Error('cancelled'));
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await Promise.all([
      pipeline(stream as unknown as Readable, demux, counter, options.stdout ?? new PassThrough().resume()),
      // Ending our side tells Docker that stdin is finished (a half-close on the socket).
      options.stdin ? pipeline(options.stdin, stream as unknown as Writable) : undefined,
    ]);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  options.signal?.throwIfAborted();
  const inspect = await exec.inspect();
  return { exitCode: inspect.Running ? null : inspect.ExitCode, stderr: demux.stderr.trim() };
}
