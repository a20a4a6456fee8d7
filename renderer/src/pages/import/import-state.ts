// Where the import of the old app's data is. Kept outside React, like the move
// wizard's state: the import goes on in the main process while the user looks
// at another page, and coming back must show that import (its progress, then
// its report), not a fresh form.
import { useSyncExternalStore } from 'react';
import type { LegacyImportResult, MoveProgressEvent } from '../../../../preload/contract-database.js';

/** What the user picked: the old app's finance.db, or its PostgreSQL database. */
export interface SourceChoice {
  kind: 'file' | 'postgres';
  /** From the system's file picker; empty until chosen. */
  path: string;
  /** postgres://user@host:port/database, as typed (it may hold a password too). */
  url: string;
  /**
   * Kept here rather than in the form, so "Import again" after a refusal still
   * has it; only ever in this window's memory, and cleared once imported.
   */
  password: string;
}

export type ImportStep =
  | { name: 'idle' }
  | {
      name: 'running';
      id: number;
      /** How the source is shown: never with its password. */
      source: string;
      progress: MoveProgressEvent | null;
      /** 'asked' while the request travels; 'confirmed' once the main process has it. */
      cancelling: false | 'asked' | 'confirmed';
      cancelError?: unknown;
    }
  /** Refused, failed or cancelled: nothing was written. `replace` was what this run asked for. */
  | { name: 'stopped'; source: string; error: unknown; cancelled: boolean; replace: boolean }
  | { name: 'report'; source: string; result: LegacyImportResult };

export interface ImportState {
  choice: SourceChoice;
  step: ImportStep;
}

const INITIAL: ImportState = {
  choice: { kind: 'file', path: '', url: '', password: '' },
  step: { name: 'idle' },
};

let state = INITIAL;
const listeners = new Set<() => void>();
let nextId = 1;

export function updateImport(update: (current: ImportState) => ImportState): void {
  const next = update(state);
  if (next === state) return;
  state = next;
  for (const listener of listeners) listener();
}

/** Changes what is chosen; a report or refusal about the previous choice no longer applies. */
export function updateChoice(patch: Partial<SourceChoice>): void {
  updateImport((current) => ({
    choice: { ...current.choice, ...patch },
    step: current.step.name === 'running' ? current.step : { name: 'idle' },
  }));
}

/**
 * Applies `update` only while the import with this id is still running: an
 * answer that arrives after the user moved on must not drag them back.
 */
export function updateRunning(
  id: number | undefined,
  update: (step: Extract<ImportStep, { name: 'running' }>) => ImportStep,
): void {
  updateImport((current) => {
    const { step } = current;
    if (step.name !== 'running' || (id !== undefined && step.id !== id)) return current;
    return { ...current, step: update(step) };
  });
}

/** A fresh id for an import, to match its answer back to it. */
export function workId(): number {
  return nextId++;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useImportState(): ImportState {
  return useSyncExternalStore(subscribe, () => state);
}
