import { SignJWT, decodeJwt, errors, jwtVerify } from 'jose';
import { freshHex } from './prng.js';
import type { Connection, EmulatorState } from './state.js';

export interface TokenResponse {
  access_token: string;
  expires_in: number;
  token_type: 'Bearer';
  refresh_token?: string;
  scope: string;
}

/** Mints a new access token (and refresh token with offline_access); every earlier token of the connection dies. */
export async function rotateTokens(state: EmulatorState, c: Connection): Promise<TokenResponse> {
  const now = state.clock.now();
  const iat = Math.floor(now.getTime() / 1000);
  const jti = freshHex();
  const accessToken = await new SignJWT({ scope: c.scopes.join(' ') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(state.authUrl)
    .setSubject(c.id)
    .setJti(jti)
    .setIssuedAt(iat)
    .setExpirationTime(iat + state.accessTokenTtlSeconds)
    .sign(state.jwtSecret);
  c.accessJtis = new Set([jti]);
  delete c.refreshToken;
  if (c.scopes.includes('offline_access')) {
    c.refreshToken = freshHex(32).toUpperCase();
    c.refreshIssuedAt = now;
    state.refreshTokens.set(c.refreshToken, c.id);
  }
  return {
    access_token: accessToken,
    expires_in: state.accessTokenTtlSeconds,
    token_type: 'Bearer',
    ...(c.refreshToken ? { refresh_token: c.refreshToken } : {}),
    scope: c.scopes.join(' '),
  };
}

export type BearerCheck =
  { ok: true; connection: Connection } | { ok: false; description: string; connectionId?: string };

/** Signature, then expiry by the virtual clock, then rotation: all answer 401 invalid_token. */
export async function checkBearer(state: EmulatorState, authorization: string | undefined): Promise<BearerCheck> {
  const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return { ok: false, description: 'No bearer token was sent.' };
  try {
    const { payload } = await jwtVerify(token, state.jwtSecret, {
      algorithms: ['HS256'],
      currentDate: state.clock.now(),
    });
    const connection = state.connections.get(payload.sub ?? '');
    if (!connection) return { ok: false, description: 'The access token is not recognised.' };
    if (!connection.accessJtis.has(payload.jti ?? '')) {
      return { ok: false, description: 'The access token was superseded by a refresh.', connectionId: connection.id };
    }
    return { ok: true, connection };
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      return { ok: false, description: 'The access token has expired.', connectionId: error.payload.sub };
    }
    return { ok: false, description: 'The access token is invalid.' };
  }
}

/** What the request log shows instead of a token: its jti, never the token itself. */
export function redactAuthorization(value: string): string {
  const [scheme = '', token = ''] = value.split(' ', 2);
  if (scheme.toLowerCase() !== 'bearer') return `${scheme} <redacted>`;
  try {
    const jti = decodeJwt(token).jti;
    return jti ? `Bearer ${jti}` : 'Bearer <no jti>';
  } catch {
    return 'Bearer <not a jwt>';
  }
}
