// Serves the built renderer (out/renderer) as app://spending/. A custom
// standard scheme gives the page a real origin for the CSP and the IPC sender
// check, where file:// would expose the whole disk. Electron objects are
// passed in, so this module loads without Electron (tests, Chromium harness).
import { readFile } from 'node:fs/promises';
import { extname, join, relative, isAbsolute } from 'node:path';
import type { Protocol } from 'electron';
import { APP_ORIGIN, APP_SCHEME } from './trusted-url.js';

/**
 * Inline styles stay allowed because React and Radix set style attributes. Sent as a header on
 * every app:// response, where Electronegativity, which looks for webRequest or <meta>, misses it.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; '); // eng-disable CSP_GLOBAL_CHECK: this is the CSP, a header on every app:// response (createAppRequestHandler)

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

// Anything that could climb out of rootDir or name another drive or stream is
// refused outright rather than normalised: the real renderer never asks for it.
function isSafeSegment(segment: string): boolean {
  return segment !== '' && segment !== '.' && segment !== '..' && !/[/\\:\0]/.test(segment);
}

/**
 * The file under rootDir that an app:// request names, or undefined when the
 * request is for another origin or its path is unsafe. `/` means index.html.
 */
export function resolveAppFile(rootDir: string, requestUrl: string): string | undefined {
  const prefix = `${APP_ORIGIN}/`;
  if (!requestUrl.startsWith(prefix)) return undefined;
  const rawPath = requestUrl.slice(prefix.length).split(/[?#]/, 1)[0] ?? '';
  if (rawPath === '') return join(rootDir, 'index.html');
  if (rawPath.includes('\\')) return undefined;
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    const segment = decodeSegment(raw);
    if (segment === undefined || !isSafeSegment(segment)) return undefined;
    segments.push(segment);
  }
  const file = join(rootDir, ...segments);
  const inside = relative(rootDir, file);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? file : undefined;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

async function readIfFile(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** Handles one app:// request. The renderer routes by hash, so there is no index.html fallback. */
export function createAppRequestHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const file = resolveAppFile(rootDir, request.url);
    const body = file ? await readIfFile(file) : undefined;
    if (!file || !body) return plain(404, 'Not found');
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(file) },
    });
  };
}

/**
 * Must run before app `ready`. Deliberately not corsEnabled: that privilege
 * would let any origin read app:// responses; same-origin module scripts work without it.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function serveAppScheme(protocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rootDir));
}
