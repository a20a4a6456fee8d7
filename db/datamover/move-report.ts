// What a move reports, per table in pgloader's spirit (read / written /
// rejected / fixed / time) plus whether the checksums agree.
import type { StoreCheck } from './store-checks.js';

export interface TableReport {
  read: number;
  written: number;
  rejected: number;
  fixed: number;
  ms: number;
  checksumMatch: boolean;
}

export interface RejectEntry {
  table: string;
  id: number | string | null;
  reason: string;
}

export interface FixEntry {
  table: string;
  id: number | string | null;
  column: string;
  original: string | null;
  reason: string;
}

export interface MoveReport {
  ok: boolean;
  from: string;
  to: string;
  /** Everything ran and was verified, then rolled back. */
  dryRun: boolean;
  /** The target already held exactly this data; nothing was written. */
  alreadyDone: boolean;
  tables: Record<string, TableReport>;
  checks: { name: string; source: string; target: string; match: boolean }[];
  rejects: RejectEntry[];
  fixes: FixEntry[];
  rows: number;
  ms: number;
  rowsPerSecond: number;
}

export interface MoveProgress {
  table: string;
  tableDone: number;
  tableTotal: number;
  done: number;
  total: number;
  rowsPerSecond: number;
  /** null until there is a rate to go by. */
  etaSeconds: number | null;
}

/** Checks paired by name: a category only one side has is a check that differs, not a shifted list. */
export function compareChecks(source: StoreCheck[], target: StoreCheck[]): MoveReport['checks'] {
  const there = new Map(target.map((t) => [t.name, t.value]));
  const here = new Set(source.map((s) => s.name));
  return [
    ...source.map((s) => {
      const t = there.get(s.name) ?? '';
      return { name: s.name, source: s.value, target: t, match: s.value === t };
    }),
    ...target
      .filter((t) => !here.has(t.name))
      .map((t) => ({ name: t.name, source: '', target: t.value, match: false })),
  ];
}
