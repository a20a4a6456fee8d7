// Runs the built renderer in plain Chromium with `window.api` wired to real
// services in this Node process: the same contract, dispatcher and handlers
// as the Electron app, minus Electron. Files are served by the app's own
// app:// request handler (same CSP), routed under a fake http origin.
import type { Page } from '@playwright/test';
import { createAppRequestHandler } from '../../main/app-protocol.js';
import type { Dispatch } from '../../main/ipc/dispatch.js';
import { METHOD_NAMES, type EventName, type EventPayload } from '../../preload/contract.js';

export const HARNESS_ORIGIN = 'http://spending.test';

declare global {
  interface Window {
    __spendingInvoke(method: string, input: unknown): Promise<unknown>;
    __spendingEmit(event: string, payload: unknown): void;
  }
}

export interface HarnessApp {
  /** Pushes a contract event to the page, as the main process would. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): Promise<void>;
}

export async function openApp(page: Page, dispatch: Dispatch, rendererDir: string, path = '/'): Promise<HarnessApp> {
  const handle = createAppRequestHandler(rendererDir);
  await page.route(`${HARNESS_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    const response = await handle(new Request(`app://spending${url.pathname}${url.search}`));
    await route.fulfill({
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: Buffer.from(await response.arrayBuffer()),
    });
  });
  await page.exposeBinding('__spendingInvoke', (_source, method: string, input: unknown) => dispatch(method, input));
  // Mirrors preload/index.ts: one named function per contract method, plus `on`.
  await page.addInitScript((names: readonly string[]) => {
    const listeners = new Map<string, Set<(payload: unknown) => void>>();
    const api: Record<string, unknown> = {
      on(event: string, listener: (payload: unknown) => void) {
        const set = listeners.get(event) ?? new Set();
        set.add(listener);
        listeners.set(event, set);
        return () => set.delete(listener);
      },
    };
    for (const name of names) api[name] = (input: unknown) => window.__spendingInvoke(name, input);
    Object.defineProperty(window, 'api', { value: Object.freeze(api) });
    window.__spendingEmit = (event, payload) => listeners.get(event)?.forEach((listener) => listener(payload));
  }, METHOD_NAMES);
  await page.goto(`${HARNESS_ORIGIN}${path}`);
  return {
    emit: (event, payload) => page.evaluate(([e, p]) => window.__spendingEmit(e, p), [event, payload] as const),
  };
}
