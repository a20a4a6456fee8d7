import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, devRendererOrigin, findDeepLink, isTrustedAppUrl, rendererEntryUrl } from './trusted-url.js';

const noDev: NodeJS.ProcessEnv = {};
const dev: NodeJS.ProcessEnv = { ELECTRON_RENDERER_URL: 'http://localhost:5173' };

describe('isTrustedAppUrl', () => {
  it.each([
    'app://spending/',
    'app://spending/index.html',
    'app://spending/assets/index-abc.js?v=1#top',
    'APP://spending/index.html',
  ])('trusts %s', (url) => {
    expect(isTrustedAppUrl(url, noDev)).toBe(true);
  });

  it.each([
    'app://spending.evil/',
    'app://spending.evil.com/index.html',
    'app://evil/index.html',
    'app://spending:8080/',
    'app://user@spending/',
    'app://user:pass@spending/',
    'app://spending@evil/',
    'app://spending%2eevil/',
    'app://spending./',
    'app:spending/index.html',
    'app:///spending/index.html',
    'app://',
    'appx://spending/',
    'xapp://spending/',
    'file:///etc/passwd',
    'file://spending/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'blob:app://spending/1234',
    'http://spending/',
    'https://spending/',
    'https://example.com/',
    'http://localhost:5173/',
    'about:blank',
    'devtools://devtools/bundled/index.html',
    '',
    'not a url',
    '//spending/',
    '/index.html',
  ])('refuses %s', (url) => {
    expect(isTrustedAppUrl(url, noDev)).toBe(false);
  });

  it('trusts the dev server origin only while electron-vite says so', () => {
    expect(isTrustedAppUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isTrustedAppUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isTrustedAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedAppUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isTrustedAppUrl('http://x@localhost:5173/', dev)).toBe(false);
    expect(isTrustedAppUrl('http://localhost.evil:5173/', dev)).toBe(false);
    expect(isTrustedAppUrl('app://spending/index.html', dev)).toBe(true);
  });
});

describe('devRendererOrigin', () => {
  it.each([
    ['http://localhost:5173', 'http://localhost:5173'],
    ['http://127.0.0.1:5173/', 'http://127.0.0.1:5173'],
    ['https://[::1]:5173', 'https://[::1]:5173'],
  ])('accepts loopback %s', (value, origin) => {
    expect(devRendererOrigin({ ELECTRON_RENDERER_URL: value })).toBe(origin);
  });

  it.each([
    undefined,
    '',
    'https://example.com',
    'http://192.168.1.10:5173',
    'http://user:pw@localhost:5173',
    'file:///tmp/index.html',
    'javascript:alert(1)',
    'garbage',
  ])('ignores %s', (value) => {
    expect(devRendererOrigin(value === undefined ? {} : { ELECTRON_RENDERER_URL: value })).toBeUndefined();
  });
});

describe('rendererEntryUrl', () => {
  it('loads the bundled renderer unless a dev server runs', () => {
    expect(rendererEntryUrl(noDev)).toBe(APP_ENTRY_URL);
    expect(rendererEntryUrl(dev)).toBe('http://localhost:5173');
    expect(rendererEntryUrl({ ELECTRON_RENDERER_URL: 'https://evil.example' })).toBe(APP_ENTRY_URL);
  });
});

describe('findDeepLink', () => {
  it('finds a spending:// argument among the others', () => {
    expect(findDeepLink(['/opt/Spending/spending', '--flag', 'spending://oauth/callback?code=x'])).toBe(
      'spending://oauth/callback?code=x',
    );
    expect(findDeepLink(['/opt/Spending/spending', 'https://spending/'])).toBeUndefined();
    expect(findDeepLink([])).toBeUndefined();
  });
});
