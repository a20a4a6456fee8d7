import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrueLayerEmulator } from './index.js';
import * as t from './test-support.js';

let emu: TrueLayerEmulator;
let token: string;
beforeEach(async () => {
  emu = await t.start();
  token = (await t.connect(emu)).access_token;
});
afterEach(() => emu.close());

describe('injected faults', () => {
  it('answers a queued status `times` times, only for matching requests, after the bearer check', async () => {
    emu.injectFault({
      kind: 'status',
      status: 429,
      error: 'provider_too_many_requests',
      times: 2,
      match: { path: '/data/v1/accounts' },
    });
    expect((await t.getData(emu, '/me', token)).status).toBe(200);
    await t.expectError(t.getData(emu, '/accounts', 'bad-token'), 401, 'invalid_token');
    await t.expectError(t.getData(emu, '/accounts', token), 429, 'provider_too_many_requests');
    await t.expectError(t.getData(emu, '/accounts', token), 429, 'provider_too_many_requests');
    expect((await t.getData(emu, '/accounts', token)).status).toBe(200);
    expect(emu.requests().filter((r) => r.fault === 'status:429')).toHaveLength(2);

    emu.injectFault({
      kind: 'status',
      status: 503,
      error: 'provider_error',
      match: { server: 'data', path: /\/cards$/ },
    });
    emu.clearFaults();
    expect((await t.getData(emu, '/cards', token)).status).toBe(200);
  });

  it('plays faults on the token endpoint before anything else, leaving the code unused', async () => {
    const code = await t.getCode(emu);
    emu.injectFault({ kind: 'status', status: 500, error: 'internal_server_error', match: { path: '/connect/token' } });
    await t.expectError(t.postToken(emu, t.codeForm(code)), 500, 'internal_server_error');
    emu.injectFault({ kind: 'drop', match: { server: 'auth', method: 'POST' } });
    await expect(t.postToken(emu, t.codeForm(code))).rejects.toThrow();
    expect((await t.postToken(emu, t.codeForm(code))).status).toBe(200);
  });

  it('revokes the connection behind a data call or a refresh', async () => {
    const tokens = await t.connect(emu, { username: 'john2', password: 'doe2' });
    emu.injectFault({ kind: 'revoke', match: { path: '/data/v1/accounts' } });
    await t.expectError(t.getData(emu, '/accounts', tokens.access_token), 403, 'access_denied');
    await t.expectError(t.getData(emu, '/me', tokens.access_token), 403, 'access_denied');
    await t.expectError(t.refresh(emu, tokens.refresh_token!), 400, 'invalid_grant');

    const other = await t.connect(emu);
    emu.injectFault({ kind: 'revoke', match: { path: '/connect/token' } });
    await t.expectError(t.refresh(emu, other.refresh_token!), 400, 'invalid_grant');
    expect(emu.connections().map((c) => c.revoked)).toEqual([false, true, true]);
  });

  it('delays a slow response, which lets concurrency show in the log', async () => {
    emu.injectFault({ kind: 'slow', ms: 300, times: 2, match: { path: '/data/v1/accounts' } });
    const answers = await Promise.all([t.getData(emu, '/accounts', token), t.getData(emu, '/accounts', token)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    const slow = emu.requests().filter((r) => r.fault === 'slow');
    expect(slow).toHaveLength(2);
    expect(Math.max(...slow.map((r) => r.inFlight))).toBe(2);
  });

  it('holds a request, or with `answer` handles it and holds only its answer', async () => {
    const first = await t.connect(emu, { username: 'john3', password: 'doe3' });
    let release!: () => void;
    let held!: () => void;
    const answerReady = new Promise<void>((resolve) => (held = resolve));
    emu.injectFault({
      kind: 'hold',
      answer: true,
      until: new Promise<void>((resolve) => (release = resolve)),
      held: () => held(),
      match: { path: '/connect/token' },
    });
    const rotating = t.refresh(emu, first.refresh_token!);
    await answerReady;
    // TrueLayer has already rotated: the old refresh token is refused while the new pair is still on its way.
    await t.expectError(t.refresh(emu, first.refresh_token!), 400, 'invalid_grant');
    release();
    const answer = await rotating;
    expect(answer.status).toBe(200);
    const rotated = (await answer.json()) as t.Tokens;
    expect((await t.refresh(emu, rotated.refresh_token!)).status).toBe(200);
  });

  it('drops the socket, or sends truncated JSON', async () => {
    emu.injectFault({ kind: 'drop', match: { server: 'data' } });
    await expect(t.getData(emu, '/accounts', token)).rejects.toThrow();
    expect(emu.requests().at(-1)).toMatchObject({ status: 0, fault: 'drop' });

    emu.injectFault({ kind: 'malformed' });
    const res = await t.getData(emu, '/accounts', token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe('{"results": [');
  });
});
