// Shared steps for the emulator's own tests.
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { encodeQuery } from './http.js';
import { DEFAULT_CLIENT, startTrueLayerEmulator, type EmulatorOptions, type TrueLayerEmulator } from './index.js';

export const START = new Date('2026-03-06T12:00:00Z');
export const REDIRECT = DEFAULT_CLIENT.redirectUris[0]!;
export const ALL_SCOPES = 'info accounts balance cards transactions direct_debits standing_orders offline_access';
export const VERIFIER = 'a-code-verifier-long-enough-for-pkce-0123456789abcdef';
export const JOHN = { username: 'john', password: 'doe' };

export interface Tokens {
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  token_type: string;
  scope: string;
}
export interface ApiError {
  error: string;
  error_description: string;
}
export type Json = Record<string, unknown>;

export const challengeOf = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

export function start(options: EmulatorOptions = {}): Promise<TrueLayerEmulator> {
  return startTrueLayerEmulator({ now: START, mockBank: { transactionsPerAccount: 40 }, ...options });
}

export function authLink(emu: TrueLayerEmulator, params: Record<string, string | undefined> = {}): string {
  const query = encodeQuery({
    response_type: 'code',
    client_id: DEFAULT_CLIENT.clientId,
    redirect_uri: REDIRECT,
    scope: ALL_SCOPES,
    providers: 'uk-cs-mock',
    state: 'st-1',
    code_challenge: challengeOf(VERIFIER),
    code_challenge_method: 'S256',
    ...params,
  });
  return `${emu.authUrl}/?${query}`;
}

export async function getCode(emu: TrueLayerEmulator, login = JOHN, params: Record<string, string> = {}) {
  const code = new URL(await emu.authorize(authLink(emu, params), login)).searchParams.get('code');
  expect(code).toBeTruthy();
  return code!;
}

export function postToken(emu: TrueLayerEmulator, form: Record<string, string>): Promise<Response> {
  return fetch(`${emu.authUrl}/connect/token`, { method: 'POST', body: new URLSearchParams(form) });
}

export function codeForm(code: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    grant_type: 'authorization_code',
    client_id: DEFAULT_CLIENT.clientId,
    client_secret: DEFAULT_CLIENT.clientSecret,
    redirect_uri: REDIRECT,
    code,
    code_verifier: VERIFIER,
    ...extra,
  };
}

export function refresh(emu: TrueLayerEmulator, refreshToken: string): Promise<Response> {
  return postToken(emu, {
    grant_type: 'refresh_token',
    client_id: DEFAULT_CLIENT.clientId,
    client_secret: DEFAULT_CLIENT.clientSecret,
    refresh_token: refreshToken,
  });
}

/** Auth link, login, Allow, code exchange: the tokens of a fresh connection. */
export async function connect(emu: TrueLayerEmulator, login = JOHN, params: Record<string, string> = {}) {
  const res = await postToken(emu, codeForm(await getCode(emu, login, params)));
  expect(res.status).toBe(200);
  return (await res.json()) as Tokens;
}

export function getData(emu: TrueLayerEmulator, path: string, token: string, headers: Json = {}): Promise<Response> {
  return fetch(`${emu.dataUrl}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } as HeadersInit });
}

export async function results(res: Response): Promise<Json[]> {
  expect(res.status).toBe(200);
  const body = (await res.json()) as { results: Json[]; status: string };
  expect(body.status).toBe('Succeeded');
  return body.results;
}

export async function expectError(res: Response | Promise<Response>, status: number, error: string): Promise<ApiError> {
  const answer = await res;
  const body = (await answer.json()) as ApiError;
  expect({ status: answer.status, error: body.error }).toEqual({ status, error });
  return body;
}
