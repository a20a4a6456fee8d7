// The Electron half of the IPC router: one ipcMain handler per contract
// method, each refusing callers whose frame is not the app before the
// Electron-free dispatcher sees the input. ipcMain and WebContents are passed
// in so the sender check is unit-tested.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  METHOD_NAMES,
  eventChannel,
  events,
  invokeChannel,
  type ApiResult,
  type EventName,
  type EventPayload,
  type WireError,
} from '../../preload/contract.js';
import type { Logger } from '../log.js';
import { describeUrl } from '../security.js';
import { isTrustedAppUrl } from '../trusted-url.js';
import type { Dispatch } from './dispatch.js';

export const FORBIDDEN: WireError = {
  code: 'forbidden',
  message: 'This page is not allowed to use Spending’s data.',
};

/** The frame's URL, not the WebContents' URL: a subframe or a navigated-away frame must not inherit trust. */
export function senderUrl(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): string | undefined {
  return event.senderFrame?.url;
}

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch, log: Logger): void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(invokeChannel(method), (event, input: unknown): Promise<ApiResult<unknown>> => {
      const url = senderUrl(event);
      if (!url || !isTrustedAppUrl(url)) {
        log.warn(`Refused ${method} from ${describeUrl(url)}`);
        return Promise.resolve({ ok: false, error: FORBIDDEN });
      }
      return dispatch(method, input);
    });
  }
}

/** Pushes an event; a payload that breaks the contract is a bug in main and throws here, not in the UI. */
export function emit<E extends EventName>(
  webContents: Pick<WebContents, 'send' | 'isDestroyed'>,
  event: E,
  payload: EventPayload<E>,
): void {
  const checked: unknown = events[event].parse(payload);
  if (!webContents.isDestroyed()) webContents.send(eventChannel(event), checked);
}
