import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  contentTypeFor,
  createAppRequestHandler,
  registerAppScheme,
  resolveAppFile,
  serveAppScheme,
} from './app-protocol.js';

const root = '/srv/renderer';

describe('resolveAppFile', () => {
  it.each([
    ['app://spending/', 'index.html'],
    ['app://spending/?x=1', 'index.html'],
    ['app://spending/index.html', 'index.html'],
    ['app://spending/index.html#/transactions', 'index.html'],
    ['app://spending/assets/index-abc.js?v=2', 'assets/index-abc.js'],
    ['app://spending/assets/My%20Font.woff2', 'assets/My Font.woff2'],
  ])('maps %s to %s', (url, file) => {
    expect(resolveAppFile(root, url)).toBe(join(root, file));
  });

  it.each([
    'app://spending/../etc/passwd',
    'app://spending/assets/../../etc/passwd',
    'app://spending/./index.html',
    'app://spending/%2e%2e/etc/passwd',
    'app://spending/%2E%2E/%2E%2E/etc/passwd',
    'app://spending/.%2e/etc/passwd',
    'app://spending/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://spending/..%5c..%5cWindows%5cwin.ini',
    'app://spending/..\\..\\Windows\\win.ini',
    'app://spending/assets\\index.js',
    'app://spending//etc/passwd',
    'app://spending/%2fetc%2fpasswd',
    'app://spending/C:/Windows/win.ini',
    'app://spending/C%3A%5CWindows%5Cwin.ini',
    'app://spending/index.html%00.png',
    'app://spending/assets/',
    'app://spending/%E0%A4%A',
    'app://spending.evil/index.html',
    'app://evil/index.html',
    'app://user@spending/index.html',
    'app://spending:80/index.html',
    'app://spending',
    'file:///etc/passwd',
    'http://spending/index.html',
    '/etc/passwd',
    '',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(root, url)).toBeUndefined();
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.MJS', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['a.svg', 'image/svg+xml'],
    ['a.png', 'image/png'],
    ['a.woff2', 'font/woff2'],
    ['a.js.map', 'application/json; charset=utf-8'],
    ['LICENSE', 'application/octet-stream'],
    ['a.exe', 'application/octet-stream'],
  ])('%s is %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows only the app itself, plus inline styles and data: images', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split('; ').map((directive): [string, string] => {
        const [name = '', ...sources] = directive.split(' ');
        return [name, sources.join(' ')];
      }),
    );
    expect(directives).toEqual({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data:",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
      'form-action': "'none'",
    });
  });
});

describe('createAppRequestHandler', () => {
  let base: string;
  let handle: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'spending-app-protocol-'));
    const dir = join(base, 'renderer');
    await mkdir(join(dir, 'assets'), { recursive: true });
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Spending</title>');
    await writeFile(join(dir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(base, 'secret.txt'), 'do not serve');
    handle = createAppRequestHandler(dir);
  });

  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

  it('serves index.html for / with the CSP and a content type', async () => {
    const response = await get('app://spending/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Spending</title>');
  });

  it('serves assets as JavaScript so module scripts load', async () => {
    const response = await get('app://spending/assets/app.js');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('answers 404, CSP included, for files that do not exist', async () => {
    for (const url of ['app://spending/assets/missing.js', 'app://spending/assets', 'app://spending/transactions']) {
      const response = await get(url);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('refuses traversal and other hosts with 404, CSP included', async () => {
    for (const url of ['app://spending/%2e%2e/secret.txt', 'app://other/index.html']) {
      const response = await get(url);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text()).not.toContain('do not serve');
    }
  });

  it('answers HEAD without a body and refuses writes', async () => {
    const head = await get('app://spending/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('app://spending/index.html', 'POST')).status).toBe(405);
  });
});

describe('scheme registration', () => {
  it('registers app:// as standard, secure and fetchable, without opening it to other origins', () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerAppScheme({ registerSchemesAsPrivileged });
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
  });

  it('handles the app scheme with the file server', () => {
    const handle = vi.fn();
    serveAppScheme({ handle }, root);
    expect(handle).toHaveBeenCalledWith('app', expect.any(Function));
  });
});
