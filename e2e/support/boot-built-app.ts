// Starts a built main process (out/main/index.js, or one unpacked from a
// package) in its own Node process against the Electron stand-in, and drives it
// as Chromium, the OS and the user would: see electron-stand-in-boot.mjs.
// Nothing here reaches into the app: what it sees is what crosses the Electron
// API, the files in userData and the process itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiResult, EventName, MethodInput, MethodName, MethodOutput } from '../../preload/contract.js';
import type { StandInRecord } from './electron-stand-in.mjs';

const BOOT = join(dirname(fileURLToPath(import.meta.url)), 'electron-stand-in-boot.mjs');

export type { StandInRecord };

export interface BootOptions {
  /** What app.getAppPath() answers: the folder with package.json and out/. */
  appPath: string;
  /** The main script; out/main/index.js under appPath by default. */
  main?: string;
  /** SPENDING_HOME: the app's data folder. */
  dataDir: string;
  /** Extra argv, as the OS passes a spending:// link. */
  args?: string[];
  isPackaged?: boolean;
  /** Events the page subscribes to while it loads, recorded as `renderer-event`. */
  subscribe?: EventName[];
}

export interface BootedApp {
  readonly child: ChildProcess;
  readonly records: StandInRecord[];
  /** Resolves with the first record (past or future) that matches. */
  waitFor(kind: string, match?: (record: StandInRecord) => boolean): Promise<StandInRecord>;
  /** A command the stand-in understands (paint, fetch, navigate, invoke, …; see electron-stand-in.mjs). */
  command<T = unknown>(command: string, ...args: unknown[]): Promise<T>;
  /** window.api.<method>(input) as the page calls it, through the built preload. */
  call<M extends MethodName>(method: M, input?: MethodInput<M>): Promise<ApiResult<MethodOutput<M>>>;
  /** Resolves when the process has ended; what the stand-in saw still running when the app quit. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; resources: string[] }>;
  output(): string;
}

export function bootBuiltApp(options: BootOptions): BootedApp {
  const env: NodeJS.ProcessEnv = { ...process.env, SPENDING_HOME: options.dataDir };
  delete env.ELECTRON_RENDERER_URL;
  delete env.ELECTRON_RUN_AS_NODE;
  env.ELECTRON_STAND_IN = JSON.stringify({
    appPath: options.appPath,
    isPackaged: options.isPackaged ?? false,
    subscribe: options.subscribe ?? [],
  });
  const main = options.main ?? join(options.appPath, 'out', 'main', 'index.js');
  const child = spawn(process.execPath, [BOOT, main, ...(options.args ?? [])], {
    cwd: options.appPath,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const records: StandInRecord[] = [];
  const waiting = new Set<{
    kind: string;
    match: (r: StandInRecord) => boolean;
    resolve(r: StandInRecord): void;
    reject(error: Error): void;
  }>();
  const replies = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let resources: string[] = [];
  let nextId = 1;

  child.on('message', (message: Record<string, unknown>) => {
    if (message.record) {
      const record = message.record as StandInRecord;
      records.push(record);
      for (const waiter of waiting) {
        if (waiter.kind === record.kind && waiter.match(record)) {
          waiting.delete(waiter);
          waiter.resolve(record);
        }
      }
    } else if (message.resources) {
      resources = message.resources as string[];
    } else if (typeof message.id === 'number') {
      const reply = replies.get(message.id);
      replies.delete(message.id);
      if (message.ok) reply?.resolve(message.value);
      else reply?.reject(new Error(String(message.error)));
    }
  });

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; resources: string[] }>((resolve) => {
    child.on('exit', (code, signal) => {
      const gone = new Error(`The app exited (${String(code ?? signal)}) with this output:\n${output}`);
      for (const reply of replies.values()) reply.reject(gone);
      for (const waiter of waiting) waiter.reject(gone);
      resolve({ code, signal, resources });
    });
  });

  const command = <T>(name: string, ...args: unknown[]): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (!child.connected) {
        reject(new Error(`The app is not running: cannot ${name}`));
        return;
      }
      const id = nextId++;
      replies.set(id, { resolve, reject });
      child.send({ id, command: name, args });
    });

  return {
    child,
    records,
    waitFor(kind, match = () => true) {
      const found = records.find((r) => r.kind === kind && match(r));
      if (found) return Promise.resolve(found);
      if (child.exitCode !== null || child.signalCode !== null) {
        return Promise.reject(new Error(`The app has exited; no ${kind} will come`));
      }
      return new Promise((resolve, reject) => waiting.add({ kind, match, resolve, reject }));
    },
    command,
    call: (method, input) => command('call', 'api', method, input),
    exited,
    output: () => output,
  };
}
