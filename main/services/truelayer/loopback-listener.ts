// The loopback redirect: a short-lived HTTP listener on 127.0.0.1 and ::1
// (browsers resolve `localhost` to either) at the registered URI's port and
// path. It hands each callback to `deliver`, which checks the state. An
// answer `deliver` does not recognise as the attempt's gets a 400 and the
// listener keeps waiting, so a stray or forged request cannot end the attempt;
// the attempt's own answer closes it, linked or failed (denied, code refused),
// so the app need not wait for the timeout to say what went wrong.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AppError } from '../../../db/errors.js';

/** The wait ended because the user cancelled or started another link: nothing to report. */
export class LinkCancelled extends AppError {
  constructor() {
    super('unavailable', 'Linking was cancelled.');
  }
}

export interface LoopbackListener {
  /** Resolves when a callback was accepted; rejects with deliver's error, or when the listener timed out or was closed. */
  done: Promise<void>;
  close(): void;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Messages may quote what the request carried (an error code), so both parts are escaped. */
const PAGE = (title: string, text: string) =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
  `<body style="font:16px system-ui;margin:4rem auto;max-width:32rem;color:#1f2933"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`;

function reply(res: ServerResponse, status: number, title: string, text: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  res.end(PAGE(title, text));
}

export async function listenForCallback(
  redirectUri: string,
  /** Resolves `recognised: false` for an answer that is not the attempt's; rejects when the attempt's answer failed. */
  deliver: (url: string) => Promise<{ recognised: boolean; message: string }>,
  timeoutMs = 10 * 60_000,
): Promise<LoopbackListener> {
  const target = new URL(redirectUri);
  if (target.protocol !== 'http:' || !['localhost', '127.0.0.1', '[::1]'].includes(target.hostname)) {
    throw new AppError(
      'invalid_input',
      `${redirectUri} is not a loopback address.`,
      'Use http://localhost:<port>/<path>.',
    );
  }
  const port = Number(target.port || 80);
  let settle!: { resolve: () => void; reject: (e: Error) => void };
  const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  let finished = false;
  const servers: Server[] = [];
  const finish = (error?: Error) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    for (const s of servers) s.close();
    if (error) settle.reject(error);
    else settle.resolve();
  };

  // The code exchange and the first sync can outlast the timeout: it only ends a wait with nothing in hand.
  let handling = 0;
  let expired = false;
  const timedOut = () =>
    finish(new AppError('unavailable', 'No answer came back from the bank in time.', 'Start linking again.'));

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', redirectUri);
    if (req.method !== 'GET' || url.pathname !== target.pathname) {
      reply(res, 404, 'Not here', 'This address only receives the bank’s answer for Spending.');
      return;
    }
    handling++;
    deliver(url.toString())
      .finally(() => handling--)
      .then(
        ({ recognised, message }) => {
          reply(res, recognised ? 200 : 400, recognised ? 'Done' : 'Not accepted', message);
          if (recognised) finish();
          else if (expired && handling === 0) timedOut();
        },
        (error: unknown) => {
          const said = error instanceof AppError ? `${error.message} ${error.remedy ?? ''}` : 'Linking failed.';
          reply(res, 400, 'Not linked', `${said.trim()} You can close this tab and return to Spending.`);
          finish(error instanceof Error ? error : new Error(String(error)));
        },
      );
  };

  const timer = setTimeout(() => {
    expired = true;
    if (handling === 0) timedOut();
  }, timeoutMs);
  timer.unref();
  for (const host of ['127.0.0.1', '::1']) {
    const server = createServer(handle);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      servers.push(server);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A machine without IPv6 has no ::1; that is fine as long as 127.0.0.1 listens.
      if (host === '::1' && (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT')) continue;
      finish();
      for (const s of servers) s.close();
      if (code === 'EADDRINUSE') {
        throw new AppError(
          'unavailable',
          `Port ${port} is in use, so Spending cannot receive the bank's answer at ${redirectUri}.`,
          'Close the program using it (perhaps the old Flask app), or choose another redirect in Settings.',
        );
      }
      throw error;
    }
  }
  return { done, close: () => finish(new LinkCancelled()) };
}
