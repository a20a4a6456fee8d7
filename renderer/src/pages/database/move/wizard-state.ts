// Where the "Move your data" wizard is. Kept outside React: a move goes on in
// the main process while the user looks at another page, and coming back must
// show that move (its progress, then its report), not a fresh wizard.
import { useSyncExternalStore } from 'react';
import type { MovePlan, MoveProgressEvent, MoveResult } from '../../../../../preload/contract-database.js';
import type { Provider } from '../useDatabase';

export type StoreSetting = MovePlan['destination'];

/** What the user picked in step 1, kept so "Back" returns to it. */
export interface Choice {
  target: 'postgres' | 'sqlite';
  /** null until picked: the card then suggests the provider the main process considers current. */
  provider: Provider | null;
  /** Optional; empty means a new dated file in Spending's data folder. */
  path: string;
}

/** A checked move: the main process's plan, and the store in use when it was made. */
export interface Planned {
  plan: MovePlan;
  from: StoreSetting;
}

export type Step =
  | { name: 'choose'; planError?: unknown }
  | { name: 'planning'; id: number }
  | { name: 'preflight'; move: Planned }
  | {
      name: 'running';
      id: number;
      move: Planned;
      progress: MoveProgressEvent | null;
      /** 'asked' while the request travels; 'confirmed' once the main process has it. */
      cancelling: false | 'asked' | 'confirmed';
      cancelError?: unknown;
    }
  /** The move ended without a copy: cancelled, refused or failed. The target is as it was. */
  | { name: 'stopped'; move: Planned; error: unknown; cancelled: boolean }
  | { name: 'report'; move: Planned; result: MoveResult; switching: boolean; switchError?: unknown }
  | { name: 'switched'; move: Planned; result: MoveResult };

export interface Wizard {
  choice: Choice;
  step: Step;
}

const INITIAL: Wizard = { choice: { target: 'postgres', provider: null, path: '' }, step: { name: 'choose' } };

let state = INITIAL;
const listeners = new Set<() => void>();
let nextId = 1;

export function getWizard(): Wizard {
  return state;
}

export function updateWizard(update: (wizard: Wizard) => Wizard): void {
  const next = update(state);
  if (next === state) return;
  state = next;
  for (const listener of listeners) listener();
}

export function setStep(step: Step): void {
  updateWizard((wizard) => ({ ...wizard, step }));
}

/**
 * Applies `update` only while the wizard is still on the step that started the
 * work: an answer that arrives after the user moved on must not drag them back.
 */
export function updateStepIf<N extends Step['name']>(
  name: N,
  id: number | undefined,
  update: (step: Extract<Step, { name: N }>) => Step,
): void {
  updateWizard((wizard) => {
    const step = wizard.step;
    if (step.name !== name) return wizard;
    const current = step as Extract<Step, { name: N }>;
    if (id !== undefined && 'id' in current && current.id !== id) return wizard;
    return { ...wizard, step: update(current) };
  });
}

/** A fresh id for a piece of work whose answer is matched back to its step. */
export function workId(): number {
  return nextId++;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useWizard(): Wizard {
  return useSyncExternalStore(subscribe, getWizard);
}
