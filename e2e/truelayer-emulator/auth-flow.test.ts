import { decodeJwt } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrueLayerEmulator } from './index.js';
import * as t from './test-support.js';

let emu: TrueLayerEmulator;
beforeEach(async () => {
  emu = await t.start();
});
afterEach(() => emu.close());

describe('auth link and code exchange', () => {
  it('runs the happy path: authorize, exchange, accounts, transactions', async () => {
    const location = await emu.authorize(t.authLink(emu), t.JOHN);
    expect(location).toMatch(/^http:\/\/localhost:5000\/api\/truelayer\/callback\?code=/);
    expect(location).toContain('&scope=info%20accounts%20balance');
    const redirect = new URL(location);
    expect(redirect.searchParams.get('state')).toBe('st-1');
    expect(redirect.searchParams.get('scope')).toBe(t.ALL_SCOPES);

    const res = await t.postToken(emu, t.codeForm(redirect.searchParams.get('code')!));
    const tokens = (await res.json()) as t.Tokens;
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: t.ALL_SCOPES });
    expect(tokens.refresh_token).toBeTruthy();
    const claims = decodeJwt(tokens.access_token);
    const [connection] = emu.connections();
    expect(claims).toMatchObject({ sub: connection!.id, iat: t.START.getTime() / 1000 });
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(claims.jti).toBeTruthy();
    expect(connection).toMatchObject({
      clientId: 'spending-test',
      username: 'john',
      behaviour: 'normal',
      refreshCount: 0,
    });

    const accounts = await t.results(await t.getData(emu, '/accounts', tokens.access_token));
    expect(accounts.map((a) => a.account_type)).toEqual(['TRANSACTION', 'SAVINGS']);
    expect(accounts[0]).toMatchObject({
      currency: 'GBP',
      account_number: { sort_code: expect.stringMatching(/^\d\d-\d\d-\d\d$/) as unknown },
      provider: { provider_id: 'uk-cs-mock', display_name: 'Mock UK Bank' },
    });
    const path = `/accounts/${String(accounts[0]!.account_id)}/transactions?from=2020-01-01&to=2026-03-06`;
    const txs = await t.results(await t.getData(emu, path, tokens.access_token));
    expect(txs).toHaveLength(40);
    for (const tx of txs) {
      expect(Math.round((tx.amount as number) * 100) / 100).toBe(tx.amount);
      expect(tx.running_balance).toMatchObject({ currency: 'GBP', amount: expect.any(Number) as unknown });
      expect(tx.normalised_provider_transaction_id).toBeTruthy();
      expect((tx.amount as number) < 0).toBe(tx.transaction_type === 'DEBIT');
    }
    const kinds = txs.map(
      (tx) => /^\d{4}-\d\d-\d\dT(00:00:00(\+00:00)?|\d\d:\d\d:\d\dZ)$/.exec(String(tx.timestamp))?.[1],
    );
    expect(new Set(kinds.map((k) => (k?.endsWith('Z') ? 'Z' : k)))).toEqual(
      new Set(['00:00:00', '00:00:00+00:00', 'Z']),
    );
  });

  it('shows an error page, never a redirect, for an unregistered redirect_uri or unknown client', async () => {
    for (const params of [
      { redirect_uri: `${t.REDIRECT}/` },
      { redirect_uri: 'https://evil.example/cb' },
      { client_id: 'nobody' },
    ]) {
      const res = await fetch(t.authLink(emu, params), { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(res.headers.get('content-type')).toContain('text/html');
    }
    await expect(emu.authorize(t.authLink(emu, { redirect_uri: 'http://x/' }), t.JOHN)).rejects.toThrow(
      /not registered/,
    );
  });

  it('redirects other bad parameters with invalid_request and the state', async () => {
    for (const params of [
      { code_challenge_method: 'plain' },
      { code_challenge_method: undefined },
      { scope: 'accounts money' },
      { response_type: 'token' },
    ]) {
      const url = new URL(await emu.authorize(t.authLink(emu, params), t.JOHN));
      expect(url.searchParams.get('error')).toBe('invalid_request');
      expect(url.searchParams.get('error_description')).toBeTruthy();
      expect(url.searchParams.get('state')).toBe('st-1');
    }
  });

  it('re-shows the login page on a wrong password, and answers access_denied on Deny', async () => {
    const page = await (await fetch(t.authLink(emu))).text();
    const session = /name="session" value="([^"]+)"/.exec(page)![1]!;
    const retry = await fetch(`${emu.authUrl}/login`, {
      method: 'POST',
      body: new URLSearchParams({ session, username: 'john', password: 'nope' }),
    });
    const html = await retry.text();
    expect(html).toContain('Wrong username or password');
    expect(html).toContain('name="password"');
    await expect(emu.authorize(t.authLink(emu), { username: 'john', password: 'x' })).rejects.toThrow(/Login failed/);
    const denied = new URL(await emu.authorize(t.authLink(emu), { ...t.JOHN, deny: true }));
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('state')).toBe('st-1');
  });

  it('answers response_mode=form_post with an auto-submitting form', async () => {
    const url = new URL(await emu.authorize(t.authLink(emu, { response_mode: 'form_post' }), t.JOHN));
    expect(`${url.origin}${url.pathname}`).toBe(t.REDIRECT);
    expect(url.searchParams.get('code')).toBeTruthy();
  });

  it('makes a code single use', async () => {
    const code = await t.getCode(emu);
    expect((await t.postToken(emu, t.codeForm(code))).status).toBe(200);
    await t.expectError(t.postToken(emu, t.codeForm(code)), 400, 'invalid_grant');
  });

  it('expires a code after 5 virtual minutes', async () => {
    const code = await t.getCode(emu);
    emu.clock.advance({ minutes: 5, seconds: 1 });
    await t.expectError(t.postToken(emu, t.codeForm(code)), 400, 'invalid_grant');
  });

  it('checks the PKCE verifier, redirect_uri, client and body type', async () => {
    const code = await t.getCode(emu);
    await t.expectError(t.postToken(emu, t.codeForm(code, { code_verifier: 'wrong' })), 400, 'invalid_grant');
    const otherUri = { redirect_uri: 'spending://truelayer/callback' };
    await t.expectError(t.postToken(emu, t.codeForm(code, otherUri)), 400, 'invalid_grant');
    await t.expectError(t.postToken(emu, t.codeForm(code, { client_secret: 'x' })), 400, 'invalid_client');
    const json = fetch(`${emu.authUrl}/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(t.codeForm(code)),
    });
    await t.expectError(json, 400, 'invalid_request');
    expect((await t.postToken(emu, t.codeForm(code))).status).toBe(200);
  });

  it('gives no refresh token without offline_access', async () => {
    const tokens = await t.connect(emu, t.JOHN, { scope: 'accounts transactions' });
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.scope).toBe('accounts transactions');
  });

  it('lists providers including the mock bank', async () => {
    const providers = (await (await fetch(`${emu.authUrl}/api/providers?client_id=spending-test`)).json()) as t.Json[];
    const ids = providers.map((p) => p.provider_id);
    expect(ids).toContain('uk-cs-mock');
    expect(ids.some((id) => String(id).startsWith('uk-ob-'))).toBe(true);
  });
});
