// A progress bar on stderr when a person is watching; silent in pipes and CI.
import cliProgress from 'cli-progress';
import type { MoveProgress } from '../../db/datamover/move-report.js';
import type { BankProgress } from '../services/truelayer/truelayer-service.js';
import type { CliIo } from './io.js';

export interface ProgressReporter {
  update: (progress: { done: number; total: number }) => void;
  stop: () => void;
}

export function progressReporter(io: CliIo, json: boolean, label: string): ProgressReporter {
  if (!io.stderr.isTTY || json) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream: io.stderr,
      format: `${label} [{bar}] {percentage}% | {value}/{total} rows | ETA {eta_formatted}`,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: ({ done, total }) => {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

/** The data mover's bar: overall percentage, the table being copied, rate and ETA. */
export function moveProgressReporter(
  io: CliIo,
  json: boolean,
): { update: (p: MoveProgress) => void; stop: () => void } {
  if (!io.stderr.isTTY || json) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream: io.stderr,
      format: 'Moving [{bar}] {percentage}% | {table} {tableDone}/{tableTotal} | {rate} rows/s | ETA {eta}s',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (p) => {
      const payload = {
        table: p.table,
        tableDone: p.tableDone,
        tableTotal: p.tableTotal,
        rate: p.rowsPerSecond,
        eta: p.etaSeconds ?? '?',
      };
      if (!started) {
        bar.start(p.total, 0, payload);
        started = true;
      }
      bar.update(p.done, payload);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

/** A bank sync's bar: accounts done, the one being read and the transactions so far. */
export function bankProgressReporter(
  io: CliIo,
  json: boolean,
): { update: (p: BankProgress) => void; stop: () => void } {
  if (!io.stderr.isTTY || json) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream: io.stderr,
      format: 'Syncing [{bar}] {value}/{total} accounts | {account} | {transactions} transactions',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (p) => {
      if (p.phase !== 'account' && p.phase !== 'done') return;
      const payload = { account: p.account ?? '', transactions: p.transactions };
      if (!started) {
        bar.start(p.accountsTotal, p.accountsDone, payload);
        started = true;
      }
      bar.setTotal(p.accountsTotal);
      bar.update(p.accountsDone, payload);
      if (p.phase === 'done') {
        bar.stop();
        started = false;
      }
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
