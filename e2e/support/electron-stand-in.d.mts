// Types for electron-stand-in.mjs (plain JavaScript so a child Node process runs it as is).
import type { EventEmitter } from 'node:events';

export interface StandInRecord {
  kind: string;
  /** performance.now() in the process that recorded it. */
  at: number;
  [detail: string]: unknown;
}

export interface StandInWindow extends EventEmitter {
  readonly id: number;
  readonly options: { show?: boolean; webPreferences?: Record<string, unknown> } & Record<string, unknown>;
  readonly url: string | undefined;
  readonly webContents: EventEmitter & { isDestroyed(): boolean; getURL(): string };
  isDestroyed(): boolean;
  isVisible(): boolean;
}

export interface ElectronStandIn {
  /** What `import … from 'electron'` gives the app. */
  readonly electron: Record<
    'app' | 'BrowserWindow' | 'dialog' | 'ipcMain' | 'nativeTheme' | 'protocol' | 'session' | 'shell',
    unknown
  >;
  readonly records: StandInRecord[];
  record(kind: string, details?: Record<string, unknown>): StandInRecord;
  ready(): void;
  windows(): StandInWindow[];
  paint(window?: StandInWindow): void;
  fetch(url: string): Promise<{ status: number; headers: Record<string, string>; text: string }>;
  world(window?: StandInWindow): Record<string, unknown>;
  invoke(channel: string, frameUrl: string | null, ...args: unknown[]): Promise<unknown>;
  ipcChannels(): string[];
  protocolSchemes(): string[];
  navigate(url: string, window?: StandInWindow): boolean;
  openWindow(url: string, window?: StandInWindow): 'allow' | 'deny';
  attachWebview(src: string, window?: StandInWindow): boolean;
  requestPermission(permission: string, window?: StandInWindow): Promise<boolean>;
  checkPermission(permission: string, window?: StandInWindow): boolean;
  closeWindow(window?: StandInWindow): boolean;
  terminate(exitCode: number): void;
}

export function createElectronStandIn(options: {
  appPath: string;
  isPackaged?: boolean;
  onRecord?: (record: StandInRecord) => void;
  page?: (world: Record<string, unknown>, window: StandInWindow) => void;
  onTerminate?: (exitCode: number) => void;
}): ElectronStandIn;
