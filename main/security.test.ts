import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { Logger } from './log.js';
import {
  applySecurity,
  browserLinkToOpen,
  decideNavigation,
  describeUrl,
  externalLinkToOpen,
  openInBrowser,
  type SecurityDeps,
} from './security.js';

describe('decideNavigation', () => {
  it('allows the app itself', () => {
    expect(decideNavigation('app://spending/index.html')).toBe('allow');
    expect(decideNavigation('app://spending/transactions?x=1')).toBe('allow');
  });

  it.each([
    'https://example.com/',
    'http://localhost:5173/',
    'app://spending.evil/',
    'app://evil@spending/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,hi',
    'about:blank',
    'spending://oauth/callback',
    '',
  ])('denies %s', (url) => {
    expect(decideNavigation(url)).toBe('deny');
  });
});

describe('externalLinkToOpen', () => {
  it('opens https links in the browser', () => {
    expect(externalLinkToOpen('https://truelayer.com/docs?a=1#b')).toBe('https://truelayer.com/docs?a=1#b');
  });

  it.each([
    'http://example.com/',
    'https://bank.example@evil.example/',
    'https://user:pw@example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://server/share',
    'ms-msdt:/id',
    'spending://oauth',
    'app://spending/',
    'not a url',
  ])('refuses %s', (url) => {
    expect(externalLinkToOpen(url)).toBeUndefined();
  });
});

describe('browserLinkToOpen (links main builds: TrueLayer login, consent renewal)', () => {
  it.each([
    'https://auth.truelayer.com/?response_type=code&state=s',
    'http://127.0.0.1:4010/?state=s',
    'http://localhost:4010/',
    'http://[::1]:4010/',
  ])('opens %s', (url) => {
    expect(browserLinkToOpen(url)).toBe(url);
  });

  it.each([
    'http://auth.example.com/',
    'http://user:pw@127.0.0.1:4010/',
    'file:///etc/passwd?response_type=code',
    'smb://server/share/?state=s',
    'javascript:alert(1)',
    'spending://truelayer/callback',
    'not a url',
  ])('refuses %s', (url) => {
    expect(browserLinkToOpen(url)).toBeUndefined();
  });

  it('opens an allowed link and refuses another with an explanation, opening nothing', async () => {
    const shell = { openExternal: vi.fn(() => Promise.resolve()) };
    await openInBrowser(shell, 'https://auth.truelayer.com/?state=s');
    expect(shell.openExternal).toHaveBeenCalledWith('https://auth.truelayer.com/?state=s');
    await expect(openInBrowser(shell, 'file:///bin/sh/?state=s')).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'Spending opens only https addresses in your browser, not file: URL.',
      remedy: 'Check the TrueLayer addresses in Settings → Bank linking.',
    });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });
});

describe('describeUrl', () => {
  it('keeps only the origin so tokens in paths and queries stay out of the log', () => {
    expect(describeUrl('https://evil.example/cb?code=secret')).toBe('https://evil.example');
    expect(describeUrl('data:text/html,secret')).toBe('data: URL');
    expect(describeUrl('nope')).toBe('(unparseable URL)');
    expect(describeUrl(undefined)).toBe('(none)');
  });
});

type WindowOpenHandler = (details: { url: string }) => { action: string };

class FakeContents extends EventEmitter {
  openHandler: WindowOpenHandler | undefined;
  setWindowOpenHandler(handler: WindowOpenHandler) {
    this.openHandler = handler;
  }
}

function setup() {
  const app = new EventEmitter();
  const session = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  };
  const shell = { openExternal: vi.fn(() => Promise.resolve()) };
  const log: Logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  applySecurity({ app, session, shell, log } as unknown as SecurityDeps);
  const contents = new FakeContents();
  app.emit('web-contents-created', {}, contents);
  return { session, shell, log, contents };
}

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

describe('applySecurity', () => {
  it('stops navigations and redirects away from the app, and lets the app reload itself', () => {
    const { contents, log } = setup();
    for (const name of ['will-frame-navigate', 'will-redirect']) {
      const away = navigationEvent('https://evil.example/phish?token=x');
      contents.emit(name, away);
      expect(away.preventDefault).toHaveBeenCalled();
      const home = navigationEvent('app://spending/index.html');
      contents.emit(name, home);
      expect(home.preventDefault).not.toHaveBeenCalled();
    }
    expect(log.warn).toHaveBeenCalledWith('Blocked navigation to https://evil.example');
    expect(JSON.stringify(vi.mocked(log.warn).mock.calls)).not.toContain('token=x');
  });

  it('never opens windows; https links go to the browser, nothing else does', () => {
    const { contents, shell } = setup();
    const open = contents.openHandler!;
    expect(open({ url: 'https://example.com/help' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.com/help');
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'app://spending/index.html', 'smb://x/y']) {
      expect(open({ url })).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('logs rather than throws when the browser cannot be opened', async () => {
    const { contents, shell, log } = setup();
    shell.openExternal.mockImplementationOnce(() => Promise.reject(new Error('no browser')));
    contents.openHandler!({ url: 'https://example.com/' });
    await vi.waitFor(() =>
      expect(log.warn).toHaveBeenCalledWith('Could not open a link in the browser', expect.any(Error)),
    );
  });

  it('refuses webviews and Bluetooth device picking', () => {
    const { contents } = setup();
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    const bluetooth = { preventDefault: vi.fn() };
    const choose = vi.fn();
    contents.emit('select-bluetooth-device', bluetooth, [{ deviceId: 'a' }], choose);
    expect(bluetooth.preventDefault).toHaveBeenCalled();
    expect(choose).toHaveBeenCalledWith('');
  });

  it('denies every permission request and check', () => {
    const { session } = setup();
    const request = vi.mocked(session.setPermissionRequestHandler).mock.calls[0]![0] as (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
    ) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    const check = vi.mocked(session.setPermissionCheckHandler).mock.calls[0]![0] as () => boolean;
    expect(check()).toBe(false);
    const device = vi.mocked(session.setDevicePermissionHandler).mock.calls[0]![0] as () => boolean;
    expect(device()).toBe(false);
  });
});
