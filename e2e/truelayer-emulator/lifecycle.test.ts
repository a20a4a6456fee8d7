import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrueLayerEmulator } from './index.js';
import * as t from './test-support.js';

let emu: TrueLayerEmulator;
beforeEach(async () => {
  emu = await t.start();
});
afterEach(() => emu.close());

function extend(emu: TrueLayerEmulator, refreshToken: string, extra: t.Json = {}): Promise<Response> {
  return fetch(`${emu.apiUrl}/connections/extend`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      user_has_reconfirmed_consent: true,
      client_id: 'spending-test',
      client_secret: 'test-secret',
      refresh_token: refreshToken,
      redirect_uri: t.REDIRECT,
      user: { name: 'John Doe', email: 'john@example.com' },
      ...extra,
    }),
  });
}

describe('extend and delete', () => {
  it('extends an eternal connection with new tokens and 90 more days', async () => {
    const first = await t.connect(emu, { username: 'john', password: 'eternal' });
    emu.clock.advance({ days: 80 });
    const res = await extend(emu, first.refresh_token!);
    const body = (await res.json()) as t.Tokens & { action_needed: string };
    expect(body).toMatchObject({ action_needed: 'no_action_needed', token_type: 'Bearer', expires_in: 3600 });
    expect(emu.connections()[0]).toMatchObject({ behaviour: 'eternal', consentExpiresAt: '2026-08-23T12:00:00.000Z' });
    await t.expectError(t.refresh(emu, first.refresh_token!), 400, 'invalid_grant');
    expect((await t.getData(emu, '/accounts', body.access_token)).status).toBe(200);
  });

  it('sends a normal connection back through an auth link that renews the same connection', async () => {
    const first = await t.connect(emu);
    emu.clock.advance({ days: 85 });
    const body = (await (await extend(emu, first.refresh_token!)).json()) as {
      action_needed: string;
      user_input_link: string;
    };
    expect(body.action_needed).toBe('authentication_needed');
    expect(body.user_input_link.startsWith(`${emu.authUrl}/?`)).toBe(true);
    await expect(emu.authorize(body.user_input_link, { username: 'john3', password: 'doe3' })).rejects.toThrow(
      /Log in as john/,
    );
    const code = new URL(await emu.authorize(body.user_input_link, t.JOHN)).searchParams.get('code')!;
    const res = await t.postToken(emu, t.codeForm(code));
    expect(res.status).toBe(200);
    expect(emu.connections()).toHaveLength(1);
    expect(emu.connections()[0]!.consentExpiresAt).toBe('2026-08-28T12:00:00.000Z');
  });

  it('refuses extend with a bad client or refresh token', async () => {
    const { refresh_token } = await t.connect(emu);
    await t.expectError(extend(emu, refresh_token!, { client_secret: 'wrong' }), 400, 'invalid_client');
    await t.expectError(extend(emu, 'nope'), 400, 'invalid_grant');
  });

  it('revokes the connection on DELETE /api/delete', async () => {
    const tokens = await t.connect(emu);
    const res = await fetch(`${emu.authUrl}/api/delete`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect({ status: res.status, body: (await res.json()) as unknown }).toEqual({ status: 200, body: {} });
    await t.expectError(t.getData(emu, '/accounts', tokens.access_token), 403, 'access_denied');
    await t.expectError(t.refresh(emu, tokens.refresh_token!), 400, 'invalid_grant');
    await t.expectError(extend(emu, tokens.refresh_token!), 400, 'invalid_grant');
    expect(emu.connections()[0]!.revoked).toBe(true);
  });
});
