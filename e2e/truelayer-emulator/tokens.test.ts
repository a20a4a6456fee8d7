import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrueLayerEmulator } from './index.js';
import * as t from './test-support.js';

let emu: TrueLayerEmulator;
beforeEach(async () => {
  emu = await t.start();
});
afterEach(() => emu.close());

describe('tokens, rotation and consent', () => {
  it('rotates on refresh: the old refresh token and every older access token die', async () => {
    const first = await t.connect(emu);
    const res = await t.refresh(emu, first.refresh_token!);
    expect(res.status).toBe(200);
    const second = (await res.json()) as t.Tokens;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    await t.expectError(t.refresh(emu, first.refresh_token!), 400, 'invalid_grant');
    await t.expectError(t.getData(emu, '/accounts', first.access_token), 401, 'invalid_token');
    expect((await t.getData(emu, '/accounts', second.access_token)).status).toBe(200);
    expect(emu.connections()[0]!.refreshCount).toBe(1);
    await t.expectError(t.refresh(emu, 'made-up'), 400, 'invalid_grant');
  });

  it('expires access tokens by the virtual clock', async () => {
    const { access_token } = await t.connect(emu);
    emu.clock.advance({ seconds: 3599 });
    expect((await t.getData(emu, '/me', access_token)).status).toBe(200);
    emu.clock.advance({ seconds: 1 });
    await t.expectError(t.getData(emu, '/me', access_token), 401, 'invalid_token');
    await t.expectError(t.getData(emu, '/me', 'not-a-jwt'), 401, 'invalid_token');
    await t.expectError(fetch(`${emu.dataUrl}/me`), 401, 'invalid_token');
  });

  it('ends consent 90 days after login, even for a token refreshed in time', async () => {
    let tokens = await t.connect(emu);
    const me = await t.results(await t.getData(emu, '/me', tokens.access_token));
    expect(me[0]).toMatchObject({ consent_status: 'Authorised', consent_expires_at: '2026-06-04T12:00:00.000Z' });
    for (const step of [{ days: 25 }, { days: 25 }, { days: 25 }, { days: 14, hours: 23, minutes: 30 }]) {
      emu.clock.advance(step);
      tokens = (await (await t.refresh(emu, tokens.refresh_token!)).json()) as t.Tokens;
    }
    expect((await t.getData(emu, '/accounts', tokens.access_token)).status).toBe(200);
    emu.clock.advance({ minutes: 30 });
    await t.expectError(t.getData(emu, '/accounts', tokens.access_token), 403, 'access_denied');
    await t.expectError(t.refresh(emu, tokens.refresh_token!), 400, 'invalid_grant');
    expect(emu.connections()[0]!.refreshCount).toBe(4);
  });

  it('kills a refresh token left unused for 30 days', async () => {
    const fresh = await t.connect(emu);
    const idle = await t.connect(emu, { username: 'john7', password: 'doe7' });
    emu.clock.advance({ days: 29, hours: 23 });
    expect((await t.refresh(emu, fresh.refresh_token!)).status).toBe(200);
    emu.clock.advance({ hours: 1 });
    await t.expectError(t.refresh(emu, idle.refresh_token!), 400, 'invalid_grant');
  });
});
