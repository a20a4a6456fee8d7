// Progress bars on stderr when a person is watching; silent in pipes and CI.
import cliProgress from 'cli-progress';
import type { MoveProgress } from '../../db/datamover/move-report.js';
import type { BankProgress } from '../services/truelayer/truelayer-service.js';
import type { CliIo } from './io.js';

export interface Reporter<P> {
  update: (progress: P) => void;
  stop: () => void;
}

type Payload = Record<string, string | number>;

/**
 * A bar started by the first report (whose total it needs), fed by `read`;
 * a report `read` turns into null leaves the bar as it is, and a `last` one
 * stops it.
 */
function bar<P>(
  io: CliIo,
  json: boolean,
  format: string,
  read: (p: P) => { value: number; total: number; payload?: Payload; last?: boolean } | null,
): Reporter<P> {
  if (!io.stderr.isTTY || json) return { update: () => undefined, stop: () => undefined };
  const shown = new cliProgress.SingleBar(
    { stream: io.stderr, format, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const stop = () => {
    if (started) shown.stop();
    started = false;
  };
  return {
    update: (p) => {
      const r = read(p);
      if (!r) return;
      if (!started) {
        shown.start(r.total, r.value, r.payload);
        started = true;
      }
      shown.setTotal(r.total);
      shown.update(r.value, r.payload);
      if (r.last) stop();
    },
    stop,
  };
}

export function progressReporter(io: CliIo, json: boolean, label: string): Reporter<{ done: number; total: number }> {
  return bar(io, json, `${label} [{bar}] {percentage}% | {value}/{total} rows | ETA {eta_formatted}`, (p) => ({
    value: p.done,
    total: p.total,
  }));
}

/** The data mover's bar: overall percentage, the table being copied, rate and ETA. */
export function moveProgressReporter(io: CliIo, json: boolean): Reporter<MoveProgress> {
  return bar(
    io,
    json,
    'Moving [{bar}] {percentage}% | {table} {tableDone}/{tableTotal} | {rate} rows/s | ETA {left}s',
    (p) => ({
      value: p.done,
      total: p.total,
      payload: {
        table: p.table,
        tableDone: p.tableDone,
        tableTotal: p.tableTotal,
        rate: p.rowsPerSecond,
        // Not `eta`: cli-progress has its own token by that name and would shadow the mover's estimate.
        left: p.etaSeconds ?? '?',
      },
    }),
  );
}

/** A bank sync's bar: accounts done, the one being read and the transactions so far. */
export function bankProgressReporter(io: CliIo, json: boolean): Reporter<BankProgress> {
  return bar(io, json, 'Syncing [{bar}] {value}/{total} accounts | {account} | {transactions} transactions', (p) =>
    p.phase === 'account' || p.phase === 'done'
      ? {
          value: p.accountsDone,
          total: p.accountsTotal,
          payload: { account: p.account ?? '', transactions: p.transactions },
          last: p.phase === 'done',
        }
      : null,
  );
}
