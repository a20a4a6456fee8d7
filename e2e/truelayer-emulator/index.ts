import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockBank } from './bank.js';
import { driveAuthorize } from './authorize-driver.js';
import { createClock } from './clock.js';
import { FaultQueue } from './faults.js';
import { RequestLog } from './request-log.js';
import { authRouter, dataRouter } from './routes.js';
import { handler } from './serve.js';
import { connectionInfo, type EmulatorState } from './state.js';
import type { EmulatorClient, EmulatorOptions, TrueLayerEmulator } from './types.js';

export type * from './types.js';

export const DEFAULT_CLIENT: EmulatorClient = {
  clientId: 'spending-test',
  clientSecret: 'test-secret',
  redirectUris: ['http://localhost:5000/api/truelayer/callback', 'spending://truelayer/callback'],
};

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function shut(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startTrueLayerEmulator(options: EmulatorOptions = {}): Promise<TrueLayerEmulator> {
  const host = options.host ?? '127.0.0.1';
  const clock = createClock(options.now ?? new Date());
  const bank = new MockBank(
    {
      seed: options.mockBank?.seed ?? 1,
      historyDays: options.mockBank?.historyDays ?? 730,
      transactionsPerAccount: options.mockBank?.transactionsPerAccount ?? 120,
      pendingPerAccount: options.mockBank?.pendingPerAccount ?? 2,
    },
    clock.now(),
  );
  const state: EmulatorState = {
    clock,
    clients: new Map((options.clients ?? [DEFAULT_CLIENT]).map((c) => [c.clientId, c])),
    sessions: new Map(),
    codes: new Map(),
    connections: new Map(),
    refreshTokens: new Map(),
    bank,
    faults: new FaultQueue(),
    log: new RequestLog(),
    jwtSecret: randomBytes(32),
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
    authUrl: '',
  };
  const authServer = createServer(handler(state, 'auth', authRouter));
  const dataServer = createServer(handler(state, 'data', dataRouter));
  const origin = (port: number) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let dataPort: number;
  try {
    state.authUrl = origin(await listen(authServer, host, options.authPort ?? 0));
    dataPort = await listen(dataServer, host, options.dataPort ?? 0);
  } catch (error) {
    await Promise.all([shut(authServer), shut(dataServer)]);
    throw error;
  }
  const apiUrl = origin(dataPort);

  return {
    authUrl: state.authUrl,
    dataUrl: `${apiUrl}/data/v1`,
    apiUrl,
    clock,
    addClient: (client) => void state.clients.set(client.clientId, client),
    injectFault: (fault) => state.faults.add(fault),
    clearFaults: () => state.faults.clear(),
    bank,
    requests: () => state.log.list(),
    clearRequests: () => state.log.clear(),
    connections: () => [...state.connections.values()].map(connectionInfo),
    authorize: driveAuthorize,
    close: async () => {
      await Promise.all([shut(authServer), shut(dataServer)]);
    },
  };
}
