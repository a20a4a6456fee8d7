import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, invokeChannel } from '../../preload/contract.js';
import type { Logger } from '../log.js';
import type { Dispatch } from './dispatch.js';
import { FORBIDDEN, emit, registerIpc } from './electron-ipc.js';

type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>;

function setup() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    }),
  };
  const dispatch = vi.fn<Dispatch>(() => Promise.resolve({ ok: true, value: 'dispatched' }));
  const log: Logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  registerIpc(ipcMain, dispatch, log);
  const call = (method: string, senderFrame: { url: string } | null, input?: unknown) =>
    handlers.get(invokeChannel(method as never))!({ senderFrame } as unknown as IpcMainInvokeEvent, input);
  return { handlers, dispatch, log, call };
}

describe('registerIpc', () => {
  it('registers exactly one channel per contract method', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual(METHOD_NAMES.map(invokeChannel).sort());
  });

  it('dispatches calls from the app', async () => {
    const { call, dispatch } = setup();
    const filter = { from: '2024-01-01' };
    await expect(call('countTransactions', { url: 'app://spending/index.html' }, filter)).resolves.toEqual({
      ok: true,
      value: 'dispatched',
    });
    expect(dispatch).toHaveBeenCalledWith('countTransactions', filter);
  });

  it.each([
    ['a web page', { url: 'https://evil.example/page?token=x' }],
    ['a look-alike host', { url: 'app://spending.evil/index.html' }],
    ['a file', { url: 'file:///tmp/x.html' }],
    ['a blank frame', { url: 'about:blank' }],
    ['a frame without a URL', { url: '' }],
    ['a destroyed frame', null],
  ])('refuses %s without dispatching', async (_label, frame) => {
    const { call, dispatch, log } = setup();
    await expect(call('listTransactions', frame, {})).resolves.toEqual({ ok: false, error: FORBIDDEN });
    expect(dispatch).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/^Refused listTransactions from /));
    expect(JSON.stringify(vi.mocked(log.warn).mock.calls)).not.toContain('token=x');
  });
});

describe('emit', () => {
  const contents = (destroyed = false) => ({ send: vi.fn(), isDestroyed: () => destroyed });

  it('sends a valid payload on the event channel', () => {
    const target = contents();
    emit(target, 'db:status', { state: 'ready' });
    expect(target.send).toHaveBeenCalledWith('event:db:status', { state: 'ready' });
  });

  it('throws on a payload that breaks the contract, sending nothing', () => {
    const target = contents();
    expect(() => emit(target, 'db:status', { state: 'exploded' } as never)).toThrow();
    expect(target.send).not.toHaveBeenCalled();
  });

  it('does nothing once the window is gone', () => {
    const target = contents(true);
    emit(target, 'db:status', { state: 'error', message: 'gone' });
    expect(target.send).not.toHaveBeenCalled();
  });
});
