// The legacy import (the old app's finance.db) at size, into SQLite and
// PostgreSQL stores: rows/s of the whole run (read, judge, write, verify).
// Prints figures; asserts nothing. CPU time is this process's own (user +
// system), steadier than wall time on a busy machine; with a PostgreSQL
// target the server's work is not in it. Usage:
//   npm run bench:legacy                                  # 1M transactions, best of 3
//   npm run bench:legacy -- --size 200000 --runs 1 --targets sqlite
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importLegacy } from '../db/legacy/import-legacy.js';
import { openExecutor, type StoreTarget } from '../db/open-store.js';
import { buildLegacyFinanceDb } from '../e2e/support/legacy-finance-db.js';
import { startTestPostgres } from '../e2e/support/postgres-server.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    targets: { type: 'string', default: 'sqlite,postgres' },
  },
});
const size = Number(values.size);
const runs = Number(values.runs);
const targets = values.targets.split(',');

const dir = mkdtempSync(join(tmpdir(), 'spending-legacy-bench-'));
const fixture = buildLegacyFinanceDb(join(dir, 'finance.db'), 'base', size);
const server = targets.includes('postgres') ? await startTestPostgres({ durable: true }) : undefined;
const lines: string[] = [];

async function emptyTarget(kind: string, run: number): Promise<StoreTarget> {
  if (kind === 'sqlite') return { kind: 'sqlite', path: join(dir, `target-${String(run)}.sqlite`) };
  const url = await server!.createDatabase('bench');
  const { executor } = await openExecutor(url);
  await executor.close();
  return { kind: 'postgres', url };
}

for (const kind of targets) {
  const rates: number[] = [];
  const cpuRates: number[] = [];
  for (let run = 0; run < runs; run++) {
    const target = await emptyTarget(kind, run);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const report = await importLegacy({ source: fixture.path, target });
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    rates.push(Math.round(report.rows / (ms / 1000)));
    cpuRates.push(Math.round(report.rows / (cpuMs / 1000)));
    lines.push(
      `  ${kind} run ${String(run + 1)}: ${report.rows.toLocaleString('en-GB')} rows in ${(ms / 1000).toFixed(2)} s, ${(cpuMs / 1000).toFixed(2)} s CPU`,
    );
    if (target.kind === 'sqlite') rmSync(target.path, { force: true });
  }
  lines.push(
    `${kind}: best ${Math.max(...rates).toLocaleString('en-GB')} rows/s wall, ${Math.max(...cpuRates).toLocaleString('en-GB')} rows per CPU second`,
  );
}

await server?.stop();
rmSync(dir, { recursive: true, force: true });
console.log(`${size.toLocaleString('en-GB')} legacy transactions\n${lines.join('\n')}`);
