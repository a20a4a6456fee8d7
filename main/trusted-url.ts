// Which URLs count as "the app". Everything else (other hosts, file:, data:,
// the web) is untrusted: it may not navigate the window and may not call the
// API. Electron-free so the rules are unit-tested.

export const APP_SCHEME = 'app';
export const APP_HOST = 'spending';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Links the OS hands to Spending (OAuth callbacks later): untrusted input. */
export const DEEP_LINK_SCHEME = 'spending';

export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

function parse(url: string): URL | undefined {
  return URL.canParse(url) ? new URL(url) : undefined;
}

/**
 * The origin of electron-vite's dev server, when it set one. Only a loopback
 * http(s) origin qualifies, so a stray variable cannot make a remote site trusted.
 */
export function devRendererOrigin(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = env.ELECTRON_RENDERER_URL;
  const url = raw ? parse(raw) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return undefined;
  if (!LOOPBACK_HOSTS.has(url.hostname) || url.username || url.password) return undefined;
  return url.origin;
}

export function isTrustedAppUrl(url: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const parsed = parse(url);
  if (!parsed || parsed.username || parsed.password) return false;
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  const dev = devRendererOrigin(env);
  return dev !== undefined && parsed.origin === dev;
}

/** What the main window loads: the dev server in `electron-vite dev`, else the bundled renderer. */
export function rendererEntryUrl(env: NodeJS.ProcessEnv = process.env): string {
  return devRendererOrigin(env) ?? APP_ENTRY_URL;
}

/** The first `spending://` argument, as a second instance or Windows/Linux launch passes it. */
export function findDeepLink(argv: readonly string[]): string | undefined {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}://`));
}
