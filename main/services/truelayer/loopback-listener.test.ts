import { get } from 'node:http';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../../e2e/support/postgres-server.js';
import { LinkCancelled, listenForCallback } from './loopback-listener.js';

const TIMEOUT_MS = 10 * 60_000;

afterEach(() => {
  vi.useRealTimers();
});

async function address() {
  const port = await freePort();
  return {
    uri: `http://localhost:${port}/api/truelayer/callback`,
    at: `http://127.0.0.1:${port}/api/truelayer/callback`,
  };
}

/** node:http rather than fetch: fetch's own header timeout runs on the timers these tests fake. */
const status = (url: string) =>
  new Promise<number>((resolve, reject) =>
    get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject),
  );

describe('the loopback listener', () => {
  it('does not time out while it handles an answer that arrived in time', async () => {
    const { uri, at } = await address();
    let arrived!: () => void;
    const delivering = new Promise<void>((resolve) => (arrived = resolve));
    let answer!: (r: { recognised: boolean; message: string }) => void;
    const listener = await listenForCallback(
      uri,
      () => {
        arrived();
        return new Promise((resolve) => (answer = resolve));
      },
      TIMEOUT_MS,
    );
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const reply = status(`${at}?code=abcdefgh&state=s`);
    await delivering;
    vi.advanceTimersByTime(TIMEOUT_MS + 1);
    answer({ recognised: true, message: 'linked' });
    await expect(listener.done).resolves.toBeUndefined();
    expect(await reply).toBe(200);
  });

  it('times out when nothing came, and closes', async () => {
    const { uri, at } = await address();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const quiet = await listenForCallback(uri, () => Promise.resolve({ recognised: false, message: 'no' }), TIMEOUT_MS);
    const ended = expect(quiet.done).rejects.toThrow('No answer came back from the bank in time.');
    vi.advanceTimersByTime(TIMEOUT_MS);
    await ended;
    await expect(status(at)).rejects.toThrow();
  });

  it('says "cancelled" in its own type when closed, and refuses a port in use before anything opens', async () => {
    const { uri } = await address();
    const listener = await listenForCallback(uri, () => Promise.resolve({ recognised: false, message: 'no' }));
    const cancelled = expect(listener.done).rejects.toBeInstanceOf(LinkCancelled);
    listener.close();
    await cancelled;

    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(Number(new URL(uri).port), '127.0.0.1', resolve));
    try {
      await expect(listenForCallback(uri, () => Promise.resolve({ recognised: false, message: 'no' }))).rejects.toThrow(
        /^Port \d+ is in use/,
      );
    } finally {
      taken.close();
    }
  });
});
