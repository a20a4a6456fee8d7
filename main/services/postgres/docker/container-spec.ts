// The container Spending creates, as data: easy to read, to test, and to
// check against what Docker reports. Its port is published on 127.0.0.1
// only; the old app published 0.0.0.0 with a default password.
import type Docker from 'dockerode';
import { APP_DATABASE, APP_USER } from '../types.js';

export const CONTAINER_NAME = 'spending-postgres';
export const VOLUME_NAME = 'spending-postgres-data';
export const OWNER_LABEL = 'app.spending.owner';
export const PORT_LABEL = 'app.spending.port';
export const NETWORK_LABEL = 'app.spending.network';
export const CONTAINER_PORT = 5432;
/** How TCP logins prove themselves: the password, never trust. */
export const PASSWORD_METHOD = 'scram-sha-256';

export type NetworkMode = 'published' | 'host';

/** Images 18+ keep PGDATA in /var/lib/postgresql/<major>/docker and want the volume one level up. */
export function dataMountPath(pgMajor: number | undefined): string {
  return pgMajor !== undefined && pgMajor >= 18 ? '/var/lib/postgresql' : '/var/lib/postgresql/data';
}

/** PG_MAJOR from the image's environment (official images and ours set it), else from the tag. */
export function imageMajor(image: string, env: string[] = []): number | undefined {
  const fromEnv = env.find((e) => e.startsWith('PG_MAJOR='))?.slice('PG_MAJOR='.length);
  const fromTag = /:(\d+)/.exec(image)?.[1];
  const major = Number.parseInt(fromEnv ?? fromTag ?? '', 10);
  return Number.isNaN(major) ? undefined : major;
}

export interface SpecInput {
  image: string;
  imageEnv?: string[];
  password: string;
  hostPort: number;
  network: NetworkMode;
}

/** The port the server listens on inside the container. */
export const innerPort = (network: NetworkMode, hostPort: number) => (network === 'host' ? hostPort : CONTAINER_PORT);

export function containerSpec(input: SpecInput): Docker.ContainerCreateOptions {
  const port = innerPort(input.network, input.hostPort);
  const ready = `pg_isready -q -h 127.0.0.1 -p ${port} -U ${APP_USER} -d ${APP_DATABASE}`;
  const seconds = (s: number) => s * 1_000_000_000;
  return {
    name: CONTAINER_NAME,
    Image: input.image,
    Env: [
      `POSTGRES_USER=${APP_USER}`,
      `POSTGRES_PASSWORD=${input.password}`,
      `POSTGRES_DB=${APP_DATABASE}`,
      // initdb alone trusts TCP from 127.0.0.1 and ::1, which with the host network is the whole computer.
      `POSTGRES_INITDB_ARGS=--auth-host=${PASSWORD_METHOD}`,
    ],
    Cmd: input.network === 'host' ? ['postgres', '-p', String(port), '-c', 'listen_addresses=127.0.0.1'] : ['postgres'],
    Labels: {
      [OWNER_LABEL]: 'spending',
      [PORT_LABEL]: String(input.hostPort),
      [NETWORK_LABEL]: input.network,
    },
    Healthcheck: {
      Test: ['CMD-SHELL', ready],
      // Engines before Docker 25 ignore StartInterval and first check after one Interval: 2 s keeps
      // "ready" prompt there at the cost of one pg_isready every 2 s.
      Interval: seconds(2),
      Timeout: seconds(5),
      Retries: 5,
      StartPeriod: seconds(60),
      StartInterval: seconds(1),
    },
    ...(input.network === 'published' ? { ExposedPorts: { [`${CONTAINER_PORT}/tcp`]: {} } } : {}),
    HostConfig: {
      RestartPolicy: { Name: 'unless-stopped' },
      Mounts: [{ Type: 'volume', Source: VOLUME_NAME, Target: dataMountPath(imageMajor(input.image, input.imageEnv)) }],
      ...(input.network === 'host'
        ? { NetworkMode: 'host' }
        : { PortBindings: { [`${CONTAINER_PORT}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: String(input.hostPort) }] } }),
    },
  };
}
