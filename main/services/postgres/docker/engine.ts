// Finding the Docker engine the way the docker CLI and the desktop apps lay
// it out, and telling apart "no Docker here", "Docker is installed but not
// running" and "ready", because each has a different next step.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import Docker from 'dockerode';

export type EngineState = 'ready' | 'not-running' | 'not-installed';

export interface EngineDetection {
  state: EngineState;
  message: string;
  remedy?: string;
  /** Where the engine answered (ready) or was expected. */
  address?: string;
  version?: string;
  docker?: Docker;
}

const WINDOWS_PIPE = '//./pipe/docker_engine';

/** Every address worth trying, most specific first. */
export function engineCandidates(
  setting?: string,
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string[] {
  const home = homedir();
  return [
    ...(setting ? [setting] : []),
    ...(env.DOCKER_HOST ? [env.DOCKER_HOST] : []),
    ...(platform === 'win32'
      ? [WINDOWS_PIPE]
      : [
          '/var/run/docker.sock',
          join(home, '.docker', 'run', 'docker.sock'),
          join(home, '.docker', 'desktop', 'docker.sock'),
          join(home, '.rd', 'docker.sock'),
          join(home, '.colima', 'default', 'docker.sock'),
          ...(env.XDG_RUNTIME_DIR ? [join(env.XDG_RUNTIME_DIR, 'docker.sock')] : []),
        ]),
  ];
}

export function dockerFor(address: string): Docker {
  if (/^tcp:\/\//i.test(address)) {
    const url = new URL(address);
    return new Docker({ host: url.hostname, port: Number(url.port || 2375), protocol: 'http' });
  }
  const socketPath = address.replace(/^(unix|npipe):\/\//i, '');
  return new Docker({ socketPath, timeout: 0 });
}

const isLocalSocket = (address: string) => !/^(tcp|npipe):\/\//i.test(address) && !address.startsWith('//./pipe/');

/** Signs that Docker is installed even though no engine answers. */
function installedHints(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  const exe = platform === 'win32' ? 'docker.exe' : 'docker';
  const onPath = (env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, exe)));
  const apps = ['/Applications/Docker.app', 'C:\\Program Files\\Docker\\Docker', '/Applications/Rancher Desktop.app'];
  return onPath || apps.some((app) => existsSync(app));
}

async function ping(docker: Docker, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
  });
  try {
    await Promise.race([docker.ping(), timeout]);
    const version = (await Promise.race([docker.version(), timeout])) as { Version?: string };
    return version.Version ?? 'unknown';
  } finally {
    clearTimeout(timer);
  }
}

function remedyToStart(platform: NodeJS.Platform): string {
  if (platform === 'linux') return 'Start it (sudo systemctl start docker, or open Docker Desktop), then try again.';
  return 'Open Docker Desktop and wait until it says it is running, then try again.';
}

export interface DetectOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  candidates?: string[];
  timeoutMs?: number;
}

export async function detectEngine(setting?: string, options: DetectOptions = {}): Promise<EngineDetection> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const candidates = options.candidates ?? engineCandidates(setting, env, platform);
  let present: string | undefined;
  let failure = '';
  for (const address of candidates) {
    if (isLocalSocket(address) && !existsSync(address.replace(/^unix:\/\//i, ''))) continue;
    present ??= address;
    const docker = dockerFor(address);
    try {
      // An engine busy tearing down a killed container can take several seconds to answer.
      const version = await ping(docker, options.timeoutMs ?? 10_000);
      return { state: 'ready', message: `Docker ${version} is running.`, address, version, docker };
    } catch (error) {
      failure ||= (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));
    }
  }
  if (present || installedHints(env, platform))
    return {
      state: 'not-running',
      message: present
        ? `Docker is installed but its engine at ${present} does not answer (${failure}).`
        : 'Docker is installed but its engine is not running.',
      remedy: remedyToStart(platform),
      ...(present ? { address: present } : {}),
    };
  return {
    state: 'not-installed',
    message: 'Docker is not installed on this computer.',
    remedy:
      'Install Docker Desktop (or docker.io on Linux), or choose "Without Docker" to run PostgreSQL from files Spending ships.',
  };
}
