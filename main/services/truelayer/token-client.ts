// Calls to TrueLayer's auth server: the code exchange, refresh, consent
// extension and revocation. Plaintext tokens exist only in these calls'
// memory; callers encrypt before storing.
import { z } from 'zod';
import type { TrueLayerHosts } from './environment.js';
import { requestJson, type Fetch } from './http-json.js';
import { TrueLayerError } from './truelayer-error.js';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

const TokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  token_type: z.string().optional(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
});

export interface Tokens {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: Date;
  scope: string | null;
}

const ExtendResponse = z.object({
  action_needed: z.enum(['no_action_needed', 'authentication_needed']),
  user_input_link: z.string().optional(),
  access_token: z.string().optional(),
  refresh_token: z.string().optional(),
  expires_in: z.number().optional(),
});

export type ExtendResult = { action: 'extended'; tokens: Tokens } | { action: 'reauthenticate'; link: string };

function readTokens(body: unknown, now: Date): Tokens {
  const parsed = TokenResponse.safeParse(body);
  if (!parsed.success) throw new TrueLayerError(0, 'malformed_response', 'the token answer lacked fields');
  const t = parsed.data;
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token ?? null,
    expiresAt: new Date(now.getTime() + t.expires_in * 1000),
    scope: t.scope ?? null,
  };
}

export class TokenClient {
  constructor(
    private readonly hosts: TrueLayerHosts,
    private readonly credentials: ClientCredentials,
    private readonly fetchImpl: Fetch = fetch,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async exchangeCode(code: string, redirectUri: string, codeVerifier: string): Promise<Tokens> {
    const body = await requestJson(this.fetchImpl, {
      method: 'POST',
      url: `${this.hosts.auth}/connect/token`,
      form: {
        grant_type: 'authorization_code',
        client_id: this.credentials.clientId,
        client_secret: this.credentials.clientSecret,
        redirect_uri: redirectUri,
        code,
        code_verifier: codeVerifier,
      },
    });
    return readTokens(body, this.now());
  }

  async refresh(refreshToken: string): Promise<Tokens> {
    const body = await requestJson(this.fetchImpl, {
      method: 'POST',
      url: `${this.hosts.auth}/connect/token`,
      form: {
        grant_type: 'refresh_token',
        client_id: this.credentials.clientId,
        client_secret: this.credentials.clientSecret,
        refresh_token: refreshToken,
      },
    });
    return readTokens(body, this.now());
  }

  async extend(
    refreshToken: string,
    redirectUri: string,
    user: { name: string; email: string },
  ): Promise<ExtendResult> {
    const body = await requestJson(this.fetchImpl, {
      method: 'POST',
      url: `${this.hosts.api}/connections/extend`,
      json: {
        user_has_reconfirmed_consent: true,
        client_id: this.credentials.clientId,
        client_secret: this.credentials.clientSecret,
        refresh_token: refreshToken,
        redirect_uri: redirectUri,
        user,
      },
    });
    const parsed = ExtendResponse.safeParse(body);
    if (!parsed.success) throw new TrueLayerError(0, 'malformed_response', 'the extend answer lacked fields');
    const r = parsed.data;
    if (r.action_needed === 'authentication_needed') {
      if (!r.user_input_link) throw new TrueLayerError(0, 'malformed_response', 'no link to reconfirm consent');
      return { action: 'reauthenticate', link: r.user_input_link };
    }
    return { action: 'extended', tokens: readTokens(body, this.now()) };
  }

  async revoke(accessToken: string): Promise<void> {
    await requestJson(this.fetchImpl, {
      method: 'DELETE',
      url: `${this.hosts.auth}/api/delete`,
      headers: { authorization: `Bearer ${accessToken}` },
    });
  }
}
