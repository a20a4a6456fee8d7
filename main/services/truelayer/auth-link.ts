// The TrueLayer auth link the system browser opens.
import type { TrueLayerHosts } from './environment.js';

/** offline_access is what earns a refresh token; without it sync would die after an hour. */
export const SCOPES = ['info', 'accounts', 'balance', 'cards', 'transactions', 'offline_access'] as const;

export interface AuthLinkInput {
  hosts: TrueLayerHosts;
  clientId: string;
  redirectUri: string;
  providers: string;
  state: string;
  nonce: string;
  codeChallenge: string;
  scopes?: readonly string[];
}

export function authLink(input: AuthLinkInput): string {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
    scope: (input.scopes ?? SCOPES).join(' '),
    providers: input.providers,
    state: input.state,
    nonce: input.nonce,
    code_challenge: input.codeChallenge,
    code_challenge_method: 'S256',
  });
  // TrueLayer wants spaces as %20; URLSearchParams writes '+'.
  return `${input.hosts.auth}/?${params.toString().replaceAll('+', '%20')}`;
}
