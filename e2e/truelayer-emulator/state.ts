import type { MockBank } from './bank.js';
import type { FaultQueue } from './faults.js';
import type { RequestLog } from './request-log.js';
import type { Behaviour, Clock, ConnectionInfo, EmulatorClient } from './types.js';

export const SCOPES = 'info accounts balance cards transactions direct_debits standing_orders offline_access'.split(
  ' ',
);

/** A trip through the auth pages; the id rides in a hidden form field. */
export interface AuthSession {
  id: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state?: string;
  responseMode: 'query' | 'form_post';
  codeChallenge?: string;
  /** Set when the link came from /connections/extend: the code re-authenticates that connection. */
  reauthConnectionId?: string;
  username?: string;
  behaviour?: Behaviour;
  authenticatedAt?: Date;
}

export interface AuthCode {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge?: string;
  reauthConnectionId?: string;
  username: string;
  behaviour: Behaviour;
  authenticatedAt: Date;
  createdAt: Date;
  used: boolean;
}

export interface Connection {
  id: string;
  clientId: string;
  username: string;
  behaviour: Behaviour;
  scopes: string[];
  consentExpiresAt: Date;
  revoked: boolean;
  refreshCount: number;
  authenticatedAt: Date;
  refreshToken?: string;
  refreshIssuedAt: Date;
  /** Access tokens still honoured; a rotation empties it. */
  accessJtis: Set<string>;
}

export interface EmulatorState {
  clock: Clock;
  clients: Map<string, EmulatorClient>;
  sessions: Map<string, AuthSession>;
  codes: Map<string, AuthCode>;
  connections: Map<string, Connection>;
  /** Every refresh token ever issued, so a rotated one can still be traced to its connection for revoke faults. */
  refreshTokens: Map<string, string>;
  bank: MockBank;
  faults: FaultQueue;
  log: RequestLog;
  jwtSecret: Uint8Array;
  accessTokenTtlSeconds: number;
  authUrl: string;
}

export function connectionInfo(c: Connection): ConnectionInfo {
  return {
    id: c.id,
    clientId: c.clientId,
    username: c.username,
    behaviour: c.behaviour,
    scopes: [...c.scopes],
    consentExpiresAt: c.consentExpiresAt.toISOString(),
    revoked: c.revoked,
    refreshCount: c.refreshCount,
    authenticatedAt: c.authenticatedAt.toISOString(),
  };
}

export function checkClient(
  state: EmulatorState,
  clientId: unknown,
  clientSecret: unknown,
): EmulatorClient | undefined {
  const client = typeof clientId === 'string' ? state.clients.get(clientId) : undefined;
  return client && client.clientSecret === clientSecret ? client : undefined;
}

/** Why the connection's consent no longer holds, if it does not. */
export function consentProblem(c: Connection, now: Date): string | undefined {
  if (c.revoked) return 'The user has revoked consent for this connection.';
  if (now.getTime() >= c.consentExpiresAt.getTime()) return 'Consent for this connection has expired.';
  return undefined;
}
