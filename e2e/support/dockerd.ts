// Tier 2: a private Docker daemon started by the test run. Its data, state,
// pid file and socket all live in one temp directory, so it never touches a
// Docker the machine may already run. It creates no network of its own: no
// default bridge (172.17.0.0/16 is a private range this environment forbids),
// no iptables rules; containers use host networking on loopback ports.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface TestDockerd {
  readonly socketPath: string;
  /** `unix://…`, for `docker -H` and DOCKER_HOST. */
  readonly dockerHost: string;
  /** overlay2 where the kernel allows it, else vfs (slow, but works anywhere). */
  readonly storageDriver: string;
  stop(): Promise<void>;
}

// The flags that keep the daemon off the machine's network. Never start dockerd without them.
const NO_NETWORK_FLAGS = ['--bridge=none', '--iptables=false', '--ip-forward=false', '--ip-masq=false'];
const STORAGE_DRIVERS = ['overlay2', 'vfs'];
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 20_000;

/** Finds a program on PATH or in the sbin directories a non-root PATH often lacks. */
export function findProgram(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin', '/usr/bin'];
  return dirs
    .filter(Boolean)
    .map((dir) => join(dir, name))
    .find((file) => existsSync(file));
}

/** The newest PostgreSQL installed from Debian's packages (the test image is built from it). */
export function hostPostgres(): { major: string; binDir: string } | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] ? { major: majors[0], binDir: join(root, majors[0], 'bin') } : undefined;
}

// Keep in step with the copy of these checks in run-all-tests.mjs (plain Node, it cannot import .ts).
export function dockerdUnavailableReason(): string | undefined {
  if (process.platform !== 'linux') return `a private dockerd runs on Linux only, not ${process.platform}`;
  if (process.getuid?.() !== 0) return 'starting a private dockerd needs root';
  const missing = ['dockerd', 'containerd', 'runc', 'docker'].filter((name) => !findProgram(name));
  if (missing.length) return `${missing.join(', ')} not installed (apt-get install docker.io)`;
  if (!hostPostgres())
    return 'no /usr/lib/postgresql/<major>/bin/postgres to build the image from (apt-get install postgresql)';
  return undefined;
}

export interface RunResult {
  stdout: Buffer;
  stderr: string;
}

/** A command that exited non-zero; its output stays available (ldd, for one, still prints what it found). */
export class CommandError extends Error implements RunResult {
  constructor(
    message: string,
    readonly stdout: Buffer,
    readonly stderr: string,
  ) {
    super(message);
  }
}

/** Runs a command, rejecting with a CommandError carrying its stderr when it exits non-zero. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const result = { stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8') };
      if (code === 0) {
        resolve(result);
        return;
      }
      const how = signal ? `was killed by ${signal}` : `exited with ${String(code)}`;
      const message = `${command} ${args.join(' ')} ${how}: ${result.stderr.trim()}`;
      reject(new CommandError(message, result.stdout, result.stderr));
    });
    // EPIPE when the command does not read its input is not the command's failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input);
  });
}

/** The docker CLI against a given daemon; `env` carries secrets for `docker exec -e NAME` (never in argv). */
export function docker(
  dockerHost: string,
  args: readonly string[],
  options: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return runCommand('docker', ['-H', dockerHost, ...args], {
    ...options,
    // DOCKER_BUILDKIT=0: the classic builder is built into the daemon and needs no buildx plugin.
    env: { ...process.env, ...options.env, DOCKER_HOST: undefined, DOCKER_CONTEXT: undefined, DOCKER_BUILDKIT: '0' },
  });
}

function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', timeout: 1_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => {
      resolve(false);
    });
    req.end();
  });
}

async function logTail(logFile: string, lines = 30): Promise<string> {
  const text = await readFile(logFile, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      resolve(false);
    }, ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Mount points under dir, deepest first (escaped spaces etc. decoded). */
function mountsUnder(dir: string): string[] {
  const mountinfo = readFileSync('/proc/self/mountinfo', 'utf8');
  return mountinfo
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((point): point is string => point !== undefined)
    .map((point) => point.replace(/\\(\d{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8))))
    .filter((point) => point.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
}

/**
 * Processes whose command line names our temp directory: containerd and its
 * shims if dockerd had to be killed. The directory is ours alone, so they are too.
 */
function processesUsing(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(dir)) pids.push(Number(entry));
    } catch {
      // it exited meanwhile
    }
  }
  return pids;
}

/** Ends what a dead dockerd left behind under dir (containerd, shims, mounts) so that it can be deleted. */
async function release(dir: string): Promise<void> {
  for (const pid of processesUsing(dir)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  // Lazy unmounts, so a mount still busy for a moment cannot block us.
  for (const point of mountsUnder(dir)) await runCommand('umount', ['-l', point]).catch(() => undefined);
}

async function removeDaemonDir(dir: string): Promise<void> {
  await release(dir);
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}

async function startWith(dir: string, driver: string): Promise<{ child: ChildProcess } | { failure: string }> {
  const socketPath = join(dir, 'docker.sock');
  const logFile = join(dir, `dockerd-${driver}.log`);
  const dockerd = findProgram('dockerd') ?? 'dockerd';
  const args = [
    // An empty config file: a daemon.json of the machine's own Docker (hosts, bip, …) must not apply.
    `--config-file=${join(dir, 'daemon.json')}`,
    ...NO_NETWORK_FLAGS,
    `--data-root=${join(dir, 'data')}`,
    `--exec-root=${join(dir, 'exec')}`,
    `--pidfile=${join(dir, 'docker.pid')}`,
    `--host=unix://${socketPath}`,
    `--storage-driver=${driver}`,
    '--shutdown-timeout=10',
  ];
  // setpriv --pdeathsig: if the test run dies without its teardown, dockerd is told to stop too. The signal
  // follows the spawning *thread*, so start it from vitest's globalSetup (main thread), not a worker thread.
  const setpriv = findProgram('setpriv');
  const [command, commandArgs] = setpriv
    ? [setpriv, ['--pdeathsig', 'SIGTERM', '--', dockerd, ...args]]
    : [dockerd, args];
  const log = openSync(logFile, 'a');
  const child = spawn(command, commandArgs, {
    stdio: ['ignore', log, log],
    // dockerd looks up containerd, runc and docker-init on PATH.
    env: { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/local/sbin:/usr/sbin:/sbin:/usr/bin:/bin` },
  });
  closeSync(log);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      return { failure: `dockerd (${driver}) exited early:\n${await logTail(logFile)}` };
    }
    if (await ping(socketPath)) return { child };
    await sleep(100);
  }
  child.kill('SIGKILL');
  await waitForExit(child, 5_000);
  throw new Error(`dockerd did not answer on ${socketPath} within 30 s:\n${await logTail(logFile)}`);
}

export async function startTestDockerd(): Promise<TestDockerd> {
  const reason = dockerdUnavailableReason();
  if (reason) throw new Error(`Cannot start a private dockerd: ${reason}`);
  // Short path: the unix sockets below it must fit in 108 bytes.
  const dir = await mkdtemp(join(tmpdir(), 'spending-dockerd-'));
  await writeFile(join(dir, 'daemon.json'), '{}\n');
  const socketPath = join(dir, 'docker.sock');
  const failures: string[] = [];
  try {
    for (const driver of STORAGE_DRIVERS) {
      const started = await startWith(dir, driver);
      if ('failure' in started) {
        failures.push(started.failure);
        await release(dir);
        await rm(join(dir, 'data'), { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
        await rm(join(dir, 'exec'), { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
        continue;
      }
      const { child } = started;
      return {
        socketPath,
        dockerHost: `unix://${socketPath}`,
        storageDriver: driver,
        async stop() {
          child.kill('SIGTERM');
          if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
            child.kill('SIGKILL');
            await waitForExit(child, 5_000);
          }
          await removeDaemonDir(dir);
        },
      };
    }
    throw new Error(`Could not start a private dockerd with any storage driver:\n${failures.join('\n\n')}`);
  } catch (error) {
    await removeDaemonDir(dir);
    throw error;
  }
}
