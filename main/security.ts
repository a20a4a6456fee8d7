// App-wide hardening on top of the window's webPreferences: a page that is
// not the app can never end up inside a Spending window, and the renderer
// gets no device, media or notification permissions. Decisions are pure
// functions; Electron objects are passed in so tests can drive them.
import type { App, Session, Shell, WebContents } from 'electron';
import { AppError } from '../db/errors.js';
import type { Logger } from './log.js';
import { LOOPBACK_HOSTS, isTrustedAppUrl } from './trusted-url.js';

export type NavigationDecision = 'allow' | 'deny';

export function decideNavigation(url: string): NavigationDecision {
  return isTrustedAppUrl(url) ? 'allow' : 'deny';
}

/**
 * A link the user may open in their browser: https only, no credentials in
 * the URL (`https://bank.example@evil.example/` reads as the bank).
 */
export function externalLinkToOpen(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || !parsed.hostname) return undefined;
  return parsed.href;
}

/**
 * An address main itself sends to the browser (TrueLayer's login, a consent renewal):
 * https, or http to this computer for a local TrueLayer emulator. Its host comes from a
 * setting or a bank's answer, so anything else (file:, smb:, a scheme the OS hands to a
 * program) is refused rather than opened.
 */
export function browserLinkToOpen(url: string): string | undefined {
  const https = externalLinkToOpen(url);
  if (https) return https;
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  const loopbackHttp = parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname);
  return loopbackHttp && !parsed.username && !parsed.password ? parsed.href : undefined;
}

/** Opens a link main built in the browser, or says why it will not. */
export async function openInBrowser(shell: Pick<Shell, 'openExternal'>, url: string): Promise<void> {
  const link = browserLinkToOpen(url);
  if (!link) {
    throw new AppError(
      'invalid_input',
      `Spending opens only https addresses in your browser, not ${describeUrl(url)}.`,
      'Check the TrueLayer addresses in Settings → Bank linking.',
    );
  }
  await shell.openExternal(link); // eng-disable OPEN_EXTERNAL_JS_CHECK: only what browserLinkToOpen let through
}

/** What to log about a refused URL: its origin only, since paths and queries can carry codes and tokens. */
export function describeUrl(url: string | undefined): string {
  if (!url) return '(none)';
  if (!URL.canParse(url)) return '(unparseable URL)';
  const { protocol, origin } = new URL(url);
  return origin === 'null' ? `${protocol} URL` : origin;
}

export interface SecurityDeps {
  app: Pick<App, 'on'>;
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;
  shell: Pick<Shell, 'openExternal'>;
  log: Logger;
}

function hardenWebContents(contents: WebContents, { shell, log }: SecurityDeps): void {
  const guard = (kind: string) => (event: { url: string; preventDefault(): void }) => {
    if (decideNavigation(event.url) === 'allow') return;
    event.preventDefault();
    log.warn(`Blocked ${kind} to ${describeUrl(event.url)}`);
  };
  // will-frame-navigate covers the main frame and every subframe.
  contents.on('will-frame-navigate', guard('navigation'));
  contents.on('will-redirect', guard('redirect'));

  contents.setWindowOpenHandler(({ url }) => {
    const external = externalLinkToOpen(url);
    if (external) {
      shell.openExternal(external).catch((error: unknown) => log.warn('Could not open a link in the browser', error)); // eng-disable OPEN_EXTERNAL_JS_CHECK: https links only (externalLinkToOpen)
    } else {
      log.warn(`Blocked a new window for ${describeUrl(url)}`);
    }
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('Blocked a <webview>');
  });
  // Without a handler Electron picks the first Bluetooth device it finds.
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
}

/** Call once `ready` has fired (the session exists then) and before any window opens. */
export function applySecurity(deps: SecurityDeps): void {
  const { app, session, log } = deps;
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, deps));

  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn(`Denied the ${permission} permission`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
