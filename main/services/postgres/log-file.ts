// Server logs that live in a file (the embedded server's): the last lines,
// then, when following, each new line as it is written.
import { open, stat } from 'node:fs/promises';
import { watchFile, unwatchFile } from 'node:fs';
import type { LogOptions } from './types.js';

export const DEFAULT_TAIL = 200;

async function readFrom(file: string, offset: number): Promise<{ text: string; end: number }> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size <= offset) return { text: '', end: size };
    const buffer = Buffer.alloc(size - offset);
    await handle.read(buffer, 0, buffer.length, offset);
    return { text: buffer.toString('utf8'), end: size };
  } finally {
    await handle.close();
  }
}

export async function followFile(file: string, options: LogOptions): Promise<void> {
  let offset = 0;
  try {
    const { text, end } = await readFrom(file, 0);
    offset = end;
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    for (const line of lines.slice(-(options.tail ?? DEFAULT_TAIL))) options.onLine(line);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (!options.follow || options.signal?.aborted) return;
  let partial = '';
  const { signal } = options;
  await new Promise<void>((resolve) => {
    const onChange = () => {
      void stat(file)
        .then(async (s) => {
          if (s.size < offset) offset = 0; // rotated or truncated
          const { text, end } = await readFrom(file, offset);
          offset = end;
          const lines = (partial + text).split('\n');
          partial = lines.pop() ?? '';
          for (const line of lines) options.onLine(line);
        })
        .catch(() => undefined);
    };
    watchFile(file, { interval: 500 }, onChange);
    signal?.addEventListener(
      'abort',
      () => {
        unwatchFile(file, onChange);
        resolve();
      },
      { once: true },
    );
  });
}
