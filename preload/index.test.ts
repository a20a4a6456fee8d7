import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, METHOD_NAMES, eventChannel, invokeChannel, type Api } from './contract.js';

const bridge = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  const listeners = new Map<string, Set<Listener>>();
  return {
    exposed: new Map<string, unknown>(),
    listeners,
    ipcRenderer: {
      invoke: vi.fn((...args: unknown[]) => Promise.resolve({ ok: true, value: args })),
      on: vi.fn((channel: string, listener: Listener) => {
        const set = listeners.get(channel) ?? new Set();
        set.add(listener);
        listeners.set(channel, set);
      }),
      removeListener: vi.fn((channel: string, listener: Listener) => listeners.get(channel)?.delete(listener)),
    },
  };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => bridge.exposed.set(key, value) },
  ipcRenderer: bridge.ipcRenderer,
}));

let api: Api;

beforeAll(async () => {
  await import('./index.js');
  api = bridge.exposed.get('api') as Api;
});

function deliver(channel: string, payload: unknown) {
  const senderEvent = { sender: 'ipcRenderer itself' };
  for (const listener of bridge.listeners.get(channel) ?? []) listener(senderEvent, payload);
}

describe('preload bridge', () => {
  it('exposes only window.api', () => {
    expect([...bridge.exposed.keys()]).toEqual(['api']);
  });

  it('exposes exactly the contract methods and on, all functions', () => {
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES, 'on'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('invokes each method on the channel main/ipc registers, passing the input through', async () => {
    for (const name of METHOD_NAMES) {
      const call = api[name] as (input: unknown) => Promise<unknown>;
      await call({ probe: name });
      expect(bridge.ipcRenderer.invoke).toHaveBeenLastCalledWith(invokeChannel(name), { probe: name });
    }
  });

  it('forwards only the payload of contract events and unsubscribes', () => {
    for (const event of EVENT_NAMES) {
      const listener = vi.fn();
      const off = api.on(event, listener);
      deliver(eventChannel(event), { state: 'ready' });
      expect(listener).toHaveBeenCalledTimes(1);
      expect(listener).toHaveBeenCalledWith({ state: 'ready' });
      off();
      deliver(eventChannel(event), { state: 'error' });
      expect(listener).toHaveBeenCalledTimes(1);
    }
  });

  it('refuses events outside the contract and non-function listeners', () => {
    const on = (event: string, listener: unknown) => api.on(event as never, listener as never);
    for (const name of ['api:getAppInfo', 'toString', '__proto__', 'constructor', '']) {
      expect(() => on(name, () => undefined)).toThrow(TypeError);
    }
    expect(() => on('db:status', 'not a function')).toThrow(TypeError);
    expect(bridge.ipcRenderer.on).not.toHaveBeenCalledWith('event:toString', expect.anything());
  });
});
