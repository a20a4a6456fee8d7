// The data mover against pgloader and psql's \copy, SQLite -> PostgreSQL on
// the same rows. Prints rows/s and ratios; asserts nothing. Usage:
//   npm run bench:move                                  # 200k and 1M transactions
//   npm run bench:move -- --sizes 200000
// pgloader (apt install pgloader) loads data only into the schema our
// migrations made, with `CAST type real to numeric drop typemod using
// float-to-string` (otherwise its sums drift), and is then verified by ours.
// \copy loads CSV files of the same rows: the ceiling, with no reading,
// converting or verifying.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { moveStore } from '../db/datamover/move-store.js';
import { COPY_ORDER } from '../db/datamover/copy-order.js';
import { verifyStores } from '../db/datamover/verify-stores.js';
import { openExecutor, openStore } from '../db/open-store.js';
import { penceToDecimal } from '../db/money.js';
import { tablePages } from '../db/table-pages.js';
import { TABLES } from '../db/table-columns.js';
import { canonicalRow } from '../db/verify/table-fingerprints.js';
import { startTestPostgres } from '../e2e/support/postgres-server.js';
import { positiveIntList } from '../main/cli/number-args.js';
import { seedDemo } from '../main/services/demo/seed-demo.js';
import { scriptArgs } from '../e2e/support/script-args.js';

const { sizes } = scriptArgs(
  'bench:move',
  "The data mover (SQLite -> PostgreSQL) against pgloader and psql's \\copy on the same rows.",
  (c) => c.option('--sizes <n,n,...>', 'transaction counts to move', positiveIntList(50_000_000), [200_000, 1_000_000]),
).opts<{ sizes: number[] }>();
const psql = ['/usr/lib/postgresql/15/bin/psql', 'psql'].find((p) => spawnSync(p, ['--version']).status === 0);
const hasPgloader = spawnSync('pgloader', ['--version']).status === 0;

const server = await startTestPostgres({ durable: true });
const dir = mkdtempSync(join(tmpdir(), 'spending-move-bench-'));
const lines: string[] = [];
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function emptyTarget(): Promise<string> {
  const url = await server.createDatabase('bench');
  const { executor } = await openExecutor(url);
  await executor.close();
  return url;
}

async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  return [await work(), performance.now() - started];
}

/** The same rows as CSV, the way our COPY writes them, for \copy. */
async function writeCsv(source: string): Promise<{ table: string; file: string; columns: string[] }[]> {
  const { executor } = await openExecutor({ kind: 'sqlite', path: source });
  const files = [];
  for (const table of COPY_ORDER) {
    const shape = TABLES[table];
    const kinds = Object.entries(shape.columns);
    let text = '';
    for await (const page of tablePages((q) => executor.all(q), shape)) {
      for (const row of page) {
        const values = canonicalRow(shape, row);
        text += `${kinds
          .map(([, kind], i) => {
            const v = values[i];
            if (v === null || v === undefined) return '';
            if (kind === 'money') return penceToDecimal(Number(v));
            if (typeof v === 'number') return String(v);
            return `"${(kind === 'timestamp' ? `${v}+00` : v).replaceAll('"', '""')}"`;
          })
          .join(',')}\n`;
      }
    }
    if (!text) continue;
    const file = join(dir, `${table}.csv`);
    writeFileSync(file, text);
    files.push({ table, file, columns: Object.keys(shape.columns) });
  }
  await executor.close();
  return files;
}

for (const size of sizes) {
  const source = join(dir, `source-${String(size)}.sqlite`);
  const store = await openStore(source);
  await seedDemo(store, { transactions: size, seed: 1 });
  await store.close();
  const label = size.toLocaleString('en-GB');

  const ours = await emptyTarget();
  const [report, oursMs] = await time(() =>
    moveStore({ from: { kind: 'sqlite', path: source }, to: { kind: 'postgres', url: ours } }),
  );
  const rows = report.rows;
  lines.push(`${label} transactions (${rows.toLocaleString('en-GB')} rows)`);
  lines.push(
    `  spending migrate (copy + verify)   ${secs(oursMs).padStart(9)}  ${Math.round(rows / (oursMs / 1000))
      .toLocaleString('en-GB')
      .padStart(9)} rows/s`,
  );

  let pgloaderMs: number | undefined;
  if (hasPgloader) {
    const target = await emptyTarget();
    const command = join(dir, 'load.pgl');
    writeFileSync(
      command,
      `LOAD DATABASE FROM sqlite://${source} INTO ${target}
       WITH data only, truncate, reset sequences
       CAST type real to numeric drop typemod using float-to-string
       INCLUDING ONLY TABLE NAMES LIKE ${COPY_ORDER.map((t) => `'${t}'`).join(', ')};\n`,
    );
    const [, loadMs] = await time(() =>
      Promise.resolve(execFileSync('pgloader', ['--quiet', command], { stdio: 'pipe' })),
    );
    const [verified, verifyMs] = await time(() =>
      verifyStores({ kind: 'sqlite', path: source }, { kind: 'postgres', url: target }),
    );
    pgloaderMs = loadMs + verifyMs;
    lines.push(
      `  pgloader (load ${secs(loadMs)} + our verify ${secs(verifyMs)}) ${secs(pgloaderMs).padStart(7)}  ${Math.round(
        rows / (pgloaderMs / 1000),
      )
        .toLocaleString('en-GB')
        .padStart(9)} rows/s  ${verified.ok ? 'verified' : 'DIFFERS from the source'}`,
    );
  } else lines.push('  pgloader: not installed (apt install pgloader)');

  let copyMs: number | undefined;
  if (psql) {
    const files = await writeCsv(source);
    const target = new URL(await emptyTarget());
    const script = files
      .map((f) => `\\copy ${f.table} (${f.columns.join(', ')}) FROM '${f.file}' WITH (FORMAT csv)`)
      .join('\n');
    const [, ms] = await time(() =>
      Promise.resolve(
        execFileSync(
          psql,
          [
            '-X',
            '-q',
            '-v',
            'ON_ERROR_STOP=1',
            '-1',
            '-h',
            target.hostname,
            '-p',
            target.port,
            '-U',
            target.username,
            '-d',
            target.pathname.slice(1),
          ],
          {
            input: script,
            env: { ...process.env, PGPASSWORD: decodeURIComponent(target.password) },
          },
        ),
      ),
    );
    copyMs = ms;
    lines.push(
      `  psql \\copy of CSV (the ceiling)    ${secs(ms).padStart(9)}  ${Math.round(rows / (ms / 1000))
        .toLocaleString('en-GB')
        .padStart(9)} rows/s`,
    );
  }
  if (pgloaderMs) lines.push(`  pgloader / spending: ${(pgloaderMs / oursMs).toFixed(2)}x (target: at least 2x)`);
  if (copyMs) lines.push(`  spending / \\copy: ${(oursMs / copyMs).toFixed(2)}x (target: at most 2x)`);
}

await server.stop();
rmSync(dir, { recursive: true, force: true });
console.log(`\n${lines.join('\n')}`);
