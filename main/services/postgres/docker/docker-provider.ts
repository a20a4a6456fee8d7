// PostgreSQL in a Docker container that Spending creates and looks after:
// `spending-postgres`, labelled as ours, data in a named volume, port on
// 127.0.0.1 only, a random password from the keychain. Ready means Docker
// says healthy AND a real `SELECT 1` answers over the published port.
import { randomBytes } from 'node:crypto';
import { Readable, type Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type Docker from 'dockerode';
import { AppError } from '../../../../db/errors.js';
import type { DockerSettings } from '../../config/config.js';
import { LOOPBACK, isPortFree, nextFreePort } from '../ports.js';
import { postgresUrl, selectOne, waitFor } from '../probe.js';
import {
  APP_DATABASE,
  APP_USER,
  DEFAULT_DOCKER_IMAGE,
  type DumpOptions,
  type LifecycleOptions,
  type LogOptions,
  type PasswordSlot,
  type PostgresProvider,
  type ServerStatus,
} from '../types.js';
import {
  CONTAINER_NAME,
  CONTAINER_PORT,
  NETWORK_LABEL,
  OWNER_LABEL,
  PORT_LABEL,
  VOLUME_NAME,
  containerSpec,
  innerPort,
  type NetworkMode,
} from './container-spec.js';
import { detectEngine, type EngineDetection } from './engine.js';
import { requirePasswordsOverTcp } from './hba-repair.js';
import { DockerDemux, execStream } from './exec-stream.js';
import { hasImage, pullImage } from './image-pull.js';

export interface DockerProviderOptions {
  settings?: Partial<DockerSettings> | undefined;
  password: PasswordSlot;
  /** Engine detection, replaceable in tests that simulate a missing or stopped engine. */
  detect?: () => Promise<EngineDetection>;
}

interface Found {
  container: Docker.Container;
  info: Docker.ContainerInspectInfo;
  hostPort: number;
  network: NetworkMode;
}

/**
 * An engine without a bridge network (dockerd --bridge=none) starts a
 * published-port container anyway, with no endpoint and no port binding:
 * nothing would ever answer on its port.
 */
function hasNetwork(found: Found): boolean {
  // Docker sends `"5432/tcp": null` for a port it exposes but did not bind, whatever the types say.
  const ports = found.info.NetworkSettings.Ports as Record<string, unknown[] | null> | null;
  return found.network === 'host' || Boolean(ports?.[`${CONTAINER_PORT}/tcp`]?.length);
}

const noNetwork = (hostPort: number) =>
  new AppError(
    'unavailable',
    `Docker started ${CONTAINER_NAME} without a network, so nothing can reach it on ${LOOPBACK}:${String(hostPort)}: this Docker engine has no bridge network for a published port.`,
    'Use the host network: choose "Host network" in the Advanced Docker settings on the Database page, or run `spending db start --provider docker --network host`.',
  );

const notOurs = new AppError(
  'conflict',
  `A container named ${CONTAINER_NAME} exists, but Spending did not create it.`,
  'Rename or remove that container, then try again. Spending will not touch it.',
);

/** Docker sends `Labels: null` for a volume created without labels, whatever the types say. */
const ownedBySpending = (volume: { Labels: Record<string, string> | null }) =>
  volume.Labels?.[OWNER_LABEL] === 'spending';

export class DockerProvider implements PostgresProvider {
  readonly kind = 'docker' as const;
  private readonly image: string;
  private readonly preferredPort: number;
  private readonly network: NetworkMode;

  constructor(private readonly options: DockerProviderOptions) {
    this.image = options.settings?.image ?? DEFAULT_DOCKER_IMAGE;
    this.preferredPort = options.settings?.preferredPort ?? 5432;
    this.network = options.settings?.network ?? 'published';
  }

  private detect(): Promise<EngineDetection> {
    return this.options.detect?.() ?? detectEngine(this.options.settings?.engine);
  }

  private async engine(): Promise<Docker> {
    const engine = await this.detect();
    if (engine.state !== 'ready' || !engine.docker) throw new AppError('unavailable', engine.message, engine.remedy);
    return engine.docker;
  }

  private async find(docker: Docker): Promise<Found | undefined> {
    const container = docker.getContainer(CONTAINER_NAME);
    let info: Docker.ContainerInspectInfo;
    try {
      info = await container.inspect();
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
    const labels = info.Config.Labels;
    if (labels[OWNER_LABEL] !== 'spending') throw notOurs;
    const network = labels[NETWORK_LABEL] === 'host' ? 'host' : 'published';
    return { container, info, hostPort: Number(labels[PORT_LABEL]), network };
  }

  /** Over the container's unix socket, which needs no password; TCP always asks for it. */
  private psqlCommand(found: Found): string {
    const port = innerPort(found.network, found.hostPort);
    const target = port === CONTAINER_PORT ? '' : ` -p ${String(port)}`;
    return `docker exec -it ${CONTAINER_NAME} psql${target} -U ${APP_USER} -d ${APP_DATABASE}`;
  }

  private async url(hostPort: number): Promise<string> {
    const password = await this.options.password.get();
    if (!password)
      throw new AppError(
        'unavailable',
        `The password of ${CONTAINER_NAME} is missing from the keychain.`,
        'Restore the keychain entry, or back up, destroy and recreate the container.',
      );
    return postgresUrl({ host: LOOPBACK, port: hostPort, database: APP_DATABASE, user: APP_USER, password });
  }

  async status(): Promise<ServerStatus> {
    const base: ServerStatus = {
      provider: 'docker',
      state: 'absent',
      message: '',
      image: this.image,
      storage: `Docker volume ${VOLUME_NAME}`,
      database: APP_DATABASE,
      user: APP_USER,
    };
    const engine = await this.detect();
    if (engine.state !== 'ready' || !engine.docker)
      return {
        ...base,
        state: engine.state === 'ready' ? 'unreachable' : engine.state,
        message: engine.message,
        ...(engine.remedy ? { remedy: engine.remedy } : {}),
      };
    const found = await this.find(engine.docker);
    if (!found)
      return { ...base, message: `There is no ${CONTAINER_NAME} container yet.`, remedy: 'Start it to create one.' };
    const here = {
      ...base,
      image: found.info.Config.Image,
      host: LOOPBACK,
      port: found.hostPort,
      psqlCommand: this.psqlCommand(found),
    };
    const state = found.info.State;
    if (!state.Running) return { ...here, state: 'stopped', message: `${CONTAINER_NAME} is stopped.` };
    if (!hasNetwork(found)) {
      const { message, remedy } = noNetwork(found.hostPort);
      return { ...here, state: 'unreachable', message, ...(remedy ? { remedy } : {}) };
    }
    const health = state.Health?.Status;
    if (health === 'starting') return { ...here, state: 'starting', message: `${CONTAINER_NAME} is starting.` };
    try {
      const version = await selectOne(await this.url(found.hostPort));
      if (health === 'unhealthy') throw new AppError('unavailable', `Docker reports ${CONTAINER_NAME} as unhealthy.`);
      return { ...here, state: 'running', version, message: `Running on ${LOOPBACK}:${found.hostPort}.` };
    } catch (error) {
      const e = error instanceof AppError ? error : undefined;
      return {
        ...here,
        state: 'unreachable',
        message: e?.message ?? String(error),
        remedy: e?.remedy ?? 'See the container logs.',
      };
    }
  }

  async start(options: LifecycleOptions = {}): Promise<ServerStatus> {
    const docker = await this.engine();
    let found = await this.find(docker);
    if (found?.info.State.Running && hasNetwork(found)) return this.ready(docker, options);
    // The data is in the volume, so a new container is harmless: when its port was taken meanwhile, when the
    // network setting changed, or when an earlier start left it running without a network.
    if (found && (found.info.State.Running || found.network !== this.network || !(await isPortFree(found.hostPort)))) {
      options.onProgress?.({
        phase: 'create',
        message: `Replacing ${CONTAINER_NAME}; its data stays in ${VOLUME_NAME}`,
      });
      await found.container.remove({ force: true });
      found = undefined;
    }
    const created = { container: false, volume: false, password: false };
    if (!found) {
      let imageEnv = await hasImage(docker, this.image);
      if (!imageEnv) {
        await pullImage(docker, this.image, options.onProgress, options.signal);
        imageEnv = await hasImage(docker, this.image);
      }
      options.signal?.throwIfAborted();
      let password = await this.options.password.get();
      if (!password) {
        password = randomBytes(24).toString('base64url');
        // Saved before the container exists, so a crash in between never strands a server nobody can log in to.
        await this.options.password.set(password);
        created.password = true;
      }
      created.volume = await this.ensureVolume(docker);
      const hostPort = await nextFreePort(this.preferredPort);
      options.onProgress?.({ phase: 'create', message: `Creating ${CONTAINER_NAME} on ${LOOPBACK}:${hostPort}` });
      await docker.createContainer(
        containerSpec({ image: this.image, imageEnv: imageEnv ?? [], password, hostPort, network: this.network }),
      );
      created.container = true;
    }
    options.onProgress?.({ phase: 'start', message: `Starting ${CONTAINER_NAME}` });
    const container = docker.getContainer(CONTAINER_NAME);
    await container.start();
    const started = await this.find(docker);
    // One that exited at once has no ports either; ready() reports its exit code.
    if (started?.info.State.Running && !hasNetwork(started)) {
      await this.undo(docker, container, created);
      throw noNetwork(started.hostPort);
    }
    return this.ready(docker, options);
  }

  /** Removes what a failed start created, and only that: a volume that was there before may hold data. */
  private async undo(
    docker: Docker,
    container: Docker.Container,
    created: { container: boolean; volume: boolean; password: boolean },
  ): Promise<void> {
    if (created.container) await container.remove({ force: true });
    else await container.stop({ t: 30 });
    if (created.volume) await docker.getVolume(VOLUME_NAME).remove();
    if (created.password) await this.options.password.delete();
  }

  /** Whether it made the volume (false: Spending's volume was already there). */
  private async ensureVolume(docker: Docker): Promise<boolean> {
    try {
      if (!ownedBySpending(await docker.getVolume(VOLUME_NAME).inspect()))
        throw new AppError(
          'conflict',
          `A Docker volume named ${VOLUME_NAME} exists, but Spending did not create it.`,
          'Rename or remove that volume; Spending will not write into it.',
        );
      return false;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 404) throw error;
      await docker.createVolume({ Name: VOLUME_NAME, Labels: { [OWNER_LABEL]: 'spending' } });
      return true;
    }
  }

  private async ready(docker: Docker, options: LifecycleOptions): Promise<ServerStatus> {
    options.onProgress?.({ phase: 'wait', message: 'Waiting until PostgreSQL is healthy and answers' });
    const ready = await waitFor(
      async () => {
        const found = await this.find(docker);
        if (!found?.info.State.Running)
          throw new AppError('unavailable', `${CONTAINER_NAME} exited (code ${String(found?.info.State.ExitCode)}).`);
        const health = found.info.State.Health?.Status;
        if (health && health !== 'healthy') throw new Error(`health is ${health}`);
        await selectOne(await this.url(found.hostPort));
        return found;
      },
      { timeoutMs: 120_000, what: CONTAINER_NAME, ...(options.signal ? { signal: options.signal } : {}) },
    ).catch(async (error: unknown) => {
      if (error instanceof Error && error.name === 'AbortError') throw error;
      const tail = await this.logTail(docker, 15);
      throw new AppError(
        'unavailable',
        `${CONTAINER_NAME} did not become ready: ${error instanceof Error ? error.message : String(error)}`,
        tail ? `Its last log lines:\n${tail}` : 'See its logs on the Database page.',
      );
    });
    const changed = await requirePasswordsOverTcp(await this.url(ready.hostPort), (file, text) =>
      this.writeDataFile(ready, file, text),
    );
    if (changed)
      options.onProgress?.({
        phase: 'wait',
        message: `${CONTAINER_NAME} asks for the password now where ${String(changed)} of its login rules let any TCP connection from this computer in without one (noted in its pg_hba.conf)`,
      });
    return this.status();
  }

  /** Replaces a file in the data directory as the account that owns it, whole or not at all. */
  private async writeDataFile(found: Found, file: string, text: string): Promise<void> {
    const result = await execStream(found.container, {
      cmd: ['sh', '-c', 'umask 077 && cat > "$1.spending-new" && mv -f "$1.spending-new" "$1"', 'sh', file],
      user: 'postgres',
      stdin: Readable.from([Buffer.from(text)]),
    });
    await this.checkExec(found, `Writing ${file}`, result);
  }

  private async logTail(docker: Docker, lines: number): Promise<string> {
    const collected: string[] = [];
    await this.streamLogs(docker, { tail: lines, onLine: (l) => collected.push(l) }).catch(() => undefined);
    return collected.join('\n');
  }

  async stop(): Promise<ServerStatus> {
    const docker = await this.engine();
    const found = await this.find(docker);
    if (found?.info.State.Running) await found.container.stop({ t: 30 });
    return this.status();
  }

  async logs(options: LogOptions): Promise<void> {
    await this.streamLogs(await this.engine(), options);
  }

  private async streamLogs(docker: Docker, options: LogOptions): Promise<void> {
    const found = await this.find(docker);
    if (!found) return;
    const demux = new DockerDemux(true);
    let partial = '';
    demux.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) options.onLine(line);
    });
    const common = { stdout: true, stderr: true, tail: options.tail ?? 200 } as const;
    if (options.follow) {
      const stream = await found.container.logs({ ...common, follow: true });
      const stop = () => (stream as unknown as { destroy(): void }).destroy();
      options.signal?.addEventListener('abort', stop, { once: true });
      await pipeline(stream, demux).catch(() => undefined);
      options.signal?.removeEventListener('abort', stop);
    } else {
      demux.end(await found.container.logs({ ...common, follow: false }));
      await finished(demux);
    }
    if (partial) options.onLine(partial);
  }

  async connectionUrl(): Promise<string> {
    const found = await this.find(await this.engine());
    if (!found?.info.State.Running)
      throw new AppError(
        'unavailable',
        `${CONTAINER_NAME} is not running.`,
        'Start it on the Database page or with `spending db start`.',
      );
    return this.url(found.hostPort);
  }

  private async running(): Promise<Found> {
    const found = await this.find(await this.engine());
    if (!found?.info.State.Running)
      throw new AppError('unavailable', `${CONTAINER_NAME} is not running.`, 'Start it first.');
    return found;
  }

  private async toolEnv(): Promise<string[]> {
    return [`PGPASSWORD=${(await this.options.password.get()) ?? ''}`];
  }

  private connectionArgs(found: Found): string[] {
    return [
      '-h',
      '127.0.0.1',
      '-p',
      String(innerPort(found.network, found.hostPort)),
      '-U',
      APP_USER,
      '-d',
      APP_DATABASE,
    ];
  }

  /** pg_dump runs inside the container, so its version always matches the server's. */
  async dump(out: Writable, options: DumpOptions = {}): Promise<void> {
    const found = await this.running();
    const result = await execStream(found.container, {
      cmd: [
        'pg_dump',
        '-Fc',
        '--no-password',
        ...(options.snapshot ? [`--snapshot=${options.snapshot}`] : []),
        ...this.connectionArgs(found),
      ],
      env: await this.toolEnv(),
      stdout: out,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onBytes ? { onBytes: options.onBytes } : {}),
    });
    await this.checkExec(found, 'pg_dump', result);
  }

  async restore(archive: Readable, options: DumpOptions = {}): Promise<void> {
    const found = await this.running();
    const result = await execStream(found.container, {
      cmd: [
        'pg_restore',
        '--no-password',
        '--no-owner',
        '--no-privileges',
        '--exit-on-error',
        '--single-transaction',
        ...this.connectionArgs(found),
      ],
      env: await this.toolEnv(),
      stdin: archive,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onBytes ? { onBytes: options.onBytes } : {}),
    });
    await this.checkExec(found, 'pg_restore', result);
  }

  private async checkExec(found: Found, what: string, result: { exitCode: number | null; stderr: string }) {
    if (result.exitCode === 0) return;
    const now = await found.container.inspect().catch(() => undefined);
    if (!now?.State.Running)
      throw new AppError(
        'unavailable',
        `${CONTAINER_NAME} stopped while ${what} was running (exit code ${String(now?.State.ExitCode ?? 'unknown')}).`,
        'Start it again and retry. Earlier backups are untouched.',
      );
    throw new AppError('unavailable', `${what} failed: ${result.stderr || `exit code ${String(result.exitCode)}`}`);
  }

  /** Removes the container, its volume and its password. Callers confirm with the user first. */
  async destroy(): Promise<void> {
    const docker = await this.engine();
    const found = await this.find(docker);
    if (found) await found.container.remove({ force: true });
    try {
      const volume = docker.getVolume(VOLUME_NAME);
      if (ownedBySpending(await volume.inspect())) await volume.remove();
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    }
    await this.options.password.delete();
  }
}
