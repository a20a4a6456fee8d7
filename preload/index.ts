// The renderer's only door to the main process, run in the sandboxed,
// context-isolated preload: one named function per contract method plus
// `on` for the contract's events. No ipcRenderer, no generic invoke, so a
// compromised page can reach nothing the contract does not list.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_NAMES, METHOD_NAMES, eventChannel, invokeChannel, type EventName } from './channels';

const methods = Object.fromEntries(
  METHOD_NAMES.map((name) => [
    name,
    (input: unknown): Promise<unknown> => ipcRenderer.invoke(invokeChannel(name), input),
  ]),
);

function isEventName(name: unknown): name is EventName {
  return (EVENT_NAMES as readonly unknown[]).includes(name);
}

function on(event: EventName, listener: (payload: unknown) => void): () => void {
  if (!isEventName(event)) throw new TypeError(`Unknown event ${String(event)}`);
  if (typeof listener !== 'function') throw new TypeError('The listener must be a function');
  const channel = eventChannel(event);
  // The IpcRendererEvent stays here: its `sender` is ipcRenderer itself.
  const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

contextBridge.exposeInMainWorld('api', { ...methods, on });
