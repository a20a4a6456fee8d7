// Where linking a bank is. Kept outside React, like the import's state: the
// bank's answer arrives while the user is in the browser, perhaps with another
// page of Spending open, and coming back must show how it went.
import { useSyncExternalStore } from 'react';
import type { BankProgress, SyncSummary } from '../../../../../preload/contract-bank.js';
import { describeError } from '../../../api';

export type SyncProgress = Extract<BankProgress, { phase: 'accounts' | 'account' | 'done' }>;
type Mode = Extract<BankProgress, { phase: 'waiting' }>['mode'];

export type LinkStep =
  | { name: 'idle' }
  /** No client id or secret yet: linking cannot start. */
  | { name: 'needs-settings' }
  /** `reconnect`: the linked bank being logged into again. */
  | { name: 'starting'; reconnect: number | null }
  | { name: 'waiting'; mode: Mode; reconnect: number | null }
  | { name: 'exchanging' }
  | { name: 'syncing'; progress: SyncProgress }
  | { name: 'linked'; connectionId: number; summary: SyncSummary }
  | { name: 'failed'; message: string; remedy: string | undefined };

let step: LinkStep = { name: 'idle' };
const listeners = new Set<() => void>();

export function updateLink(update: (current: LinkStep) => LinkStep): void {
  const next = update(step);
  if (next === step) return;
  step = next;
  for (const listener of listeners) listener();
}

export function linkFailed(error: unknown): LinkStep {
  return { name: 'failed', ...describeError(error) };
}

/** Whether a link is under way, so another cannot be started over it. */
export function isLinking(current: LinkStep): boolean {
  return ['starting', 'waiting', 'exchanging', 'syncing'].includes(current.name);
}

function onProgress(event: BankProgress): void {
  updateLink((current) => {
    switch (event.phase) {
      case 'waiting':
        return current.name === 'starting' || current.name === 'waiting'
          ? { name: 'waiting', mode: event.mode, reconnect: current.reconnect }
          : current;
      case 'exchanging':
        // Also when nothing was started in this window: a link from the browser is being completed.
        return { name: 'exchanging' };
      case 'accounts':
      case 'account':
      case 'done':
        // Sync now and the background sync report the same way; only a link's first sync belongs here.
        return current.name === 'exchanging' || current.name === 'syncing'
          ? { name: 'syncing', progress: event }
          : current;
      case 'linked':
        return { name: 'linked', connectionId: event.connectionId, summary: event.summary };
      case 'failed':
        return { name: 'failed', message: event.message, remedy: event.remedy };
    }
  });
}

// Listening from when the page's code loads rather than while the page is
// shown, for the reason above; one listener for the window's whole life.
if (typeof window !== 'undefined' && 'api' in window) window.api.on('bank:progress', onProgress);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLinkStep(): LinkStep {
  return useSyncExternalStore(subscribe, () => step);
}
