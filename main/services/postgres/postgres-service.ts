// Picks and builds the PostgreSQL provider from the settings, and turns the
// configured store into something openStore can open, starting a server
// Spending runs when it is not up yet.
import { join } from 'node:path';
import type { StoreTarget } from '../../../db/open-store.js';
import type { Config, StoreSetting } from '../config/config.js';
import type { SecretsService } from '../secrets/secrets-service.js';
import { EmbeddedProvider } from './embedded-provider.js';
import { ExternalProvider } from './external-provider.js';
import type { LifecycleOptions, PasswordSlot, PostgresProvider, ProviderKind } from './types.js';

export interface PostgresContext {
  dataDir: string;
  config: Config;
  secrets: Pick<SecretsService, 'getSecret' | 'setSecret' | 'deleteSecret'>;
}

export function passwordSlot(secrets: PostgresContext['secrets'], kind: ProviderKind): PasswordSlot {
  const name = `postgres-password:${kind}` as const;
  return {
    // Your own server may need no password (trust, peer, .pgpass): an unreachable keychain then means none.
    get: () => (kind === 'external' ? secrets.getSecret(name).catch(() => null) : secrets.getSecret(name)),
    set: (value) => secrets.setSecret(name, value),
    delete: () => secrets.deleteSecret(name),
  };
}

export const embeddedDir = (dataDir: string) => join(dataDir, 'postgres', 'embedded');

export async function createProvider(kind: ProviderKind, ctx: PostgresContext): Promise<PostgresProvider> {
  const password = passwordSlot(ctx.secrets, kind);
  switch (kind) {
    case 'embedded':
      return new EmbeddedProvider({ dir: embeddedDir(ctx.dataDir), password });
    case 'external':
      return new ExternalProvider(ctx.config.postgres?.external, password);
    case 'docker': {
      // dockerode is loaded only by those who use Docker.
      const { DockerProvider } = await import('./docker/docker-provider.js');
      return new DockerProvider({ settings: ctx.config.postgres?.docker, password });
    }
  }
}

/** The provider asked for, else the configured one, else Docker when its engine answers, else embedded. */
export async function chooseProvider(ctx: PostgresContext, requested?: ProviderKind): Promise<ProviderKind> {
  if (requested) return requested;
  if (ctx.config.store?.kind === 'postgres') return ctx.config.store.provider;
  if (ctx.config.postgres?.provider) return ctx.config.postgres.provider;
  const { detectEngine } = await import('./docker/engine.js');
  return (await detectEngine(ctx.config.postgres?.docker?.engine)).state === 'ready' ? 'docker' : 'embedded';
}

/** A SQLite store as is; a PostgreSQL one by its provider, started first if Spending runs it. */
export async function storeTarget(
  setting: StoreSetting,
  ctx: PostgresContext,
  options: LifecycleOptions & { onStarted?: (provider: PostgresProvider) => void } = {},
): Promise<StoreTarget> {
  if (setting.kind === 'sqlite') return setting;
  const provider = await createProvider(setting.provider, ctx);
  if (provider.kind !== 'external' && (await provider.status()).state !== 'running') {
    await provider.start(options);
    options.onStarted?.(provider);
  }
  return { kind: 'postgres', url: await provider.connectionUrl() };
}
