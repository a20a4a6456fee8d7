// The app's settings file (userData/config.json). It names the active store
// and never holds a secret: passwords live in the OS keychain.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../db/errors.js';
import { ensurePrivateDir } from '../../../db/private-files.js';
import { BackupSettings } from '../backups/backup-settings.js';
import { DEFAULT_DOCKER_IMAGE, PROVIDER_KINDS, TLS_MODES } from '../postgres/types.js';
import { TrueLayerSettings } from '../truelayer/truelayer-settings.js';
import { configFile, defaultSqlitePath } from './app-paths.js';

const port = z.number().int().min(1).max(65_535);

const ExternalServer = z.object({
  host: z.string().min(1),
  port,
  database: z.string().min(1),
  user: z.string().min(1),
  tls: z.enum(TLS_MODES).default('prefer'),
});

const DockerSettings = z.object({
  image: z.string().min(1).default(DEFAULT_DOCKER_IMAGE),
  /** Published on 127.0.0.1: this port when free, else the next free one. */
  preferredPort: port.default(5432),
  /**
   * 'host' runs the container on the host's network, listening on 127.0.0.1:preferredPort;
   * for engines without a bridge network (our CI's dockerd runs with --bridge=none).
   */
  network: z.enum(['published', 'host']).default('published'),
  /** An engine address (unix socket path, npipe, tcp://) when not DOCKER_HOST or the usual places. */
  engine: z.string().optional(),
});

const StoreSetting = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sqlite'), path: z.string().min(1) }),
  z.object({ kind: z.literal('postgres'), provider: z.enum(PROVIDER_KINDS) }),
]);

export const Config = z.object({
  version: z.literal(1).default(1),
  store: StoreSetting.optional(),
  /** Where the Fernet key lives; the OS keychain unless the user chose a passphrase file. */
  secrets: z.object({ backend: z.enum(['os-keychain', 'passphrase-file']) }).optional(),
  postgres: z
    .object({
      /** The provider the Database page and `spending db` use when none is named. */
      provider: z.enum(PROVIDER_KINDS).optional(),
      docker: DockerSettings.optional(),
      /** Passwords are in the keychain, never here. */
      external: ExternalServer.optional(),
    })
    .optional(),
  backups: BackupSettings.optional(),
  truelayer: TrueLayerSettings.optional(),
});
export type Config = z.infer<typeof Config>;
export type StoreSetting = z.infer<typeof StoreSetting>;
export type DockerSettings = z.infer<typeof DockerSettings>;
export type ExternalServerSetting = z.infer<typeof ExternalServer>;

export async function loadConfig(dir: string): Promise<Config> {
  let text: string;
  try {
    text = await readFile(configFile(dir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Config.parse({});
    throw error;
  }
  const invalid = (problem: string) =>
    new AppError(
      'invalid_input',
      `The settings file ${configFile(dir)} is not valid: ${problem}.`,
      'Fix or delete the file; Spending recreates it with defaults.',
    );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid('it is not JSON');
  }
  const parsed = Config.safeParse(json);
  if (!parsed.success) throw invalid(parsed.error.issues[0]?.message ?? 'unknown problem');
  return parsed.data;
}

/** Writes atomically: a crash leaves either the old file or the new one. */
export async function saveConfig(dir: string, config: Config): Promise<void> {
  const file = configFile(dir);
  ensurePrivateDir(dirname(file));
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(Config.parse(config), null, 2)}\n`, { mode: 0o600 });
  await rename(temp, file);
}

/** The store the app uses: the configured one, else SQLite in userData. */
export function activeStore(dir: string, config: Config): StoreSetting {
  return config.store ?? { kind: 'sqlite', path: defaultSqlitePath(dir) };
}

/**
 * Whether opening the active store may create it. Only the app's own default
 * store is made on first use; a configured file that is missing was moved or
 * deleted, and an empty store in its place would look like lost data.
 */
export function mayCreateActiveStore(config: Config): boolean {
  return config.store === undefined;
}
