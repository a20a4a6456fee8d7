// Statement imports of a large file: a 100,000-row CSV and a 100,000-row OFX
// into an empty store, then the same file again (every row already there),
// on SQLite and on PostgreSQL. Parsing, dedupe, rules on arrival and the
// writes are all in the figure. Wall time, and this process's CPU time (on a
// busy machine the fairer figure: SQLite works in this process, PostgreSQL's
// server does not count). Prints figures; asserts nothing.
//   npm run bench:import [-- --rows 100000]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestPostgres } from '../e2e/support/postgres-server.js';
import { runCleanups, tempDir } from '../e2e/support/test-cleanup.js';
import { tempSqlitePath } from '../e2e/support/test-databases.js';
import { scriptArgs } from '../e2e/support/script-args.js';
import { openStore } from '../db/open-store.js';
import { positiveInt } from '../main/cli/number-args.js';
import { importStatementFile } from '../main/services/finance/imports/import-statement.js';

const { rows } = scriptArgs('bench:import', 'A large CSV and OFX statement imported, then imported again.', (c) =>
  c.option('--rows <n>', 'rows per file', positiveInt(10_000_000), 100_000),
).opts<{ rows: number }>();

const SHOPS = [
  'TESCO STORES 3297',
  'COSTA COFFEE',
  'TFL TRAVEL CH',
  'AMAZON MARKETPLACE',
  'SHELL 1234',
  'PRET A MANGER',
];
/** Row i of the statement: two years of days, a few transactions a day, some the same coffee twice. */
function row(i: number): { date: Date; description: string; pence: number } {
  const date = new Date(Date.UTC(2023, 0, 1) + Math.floor((i * 730) / rows) * 86_400_000);
  return { date, description: `${SHOPS[i % SHOPS.length]} ${i % 97}`, pence: -((i * 7919) % 20_000) - 1 };
}
const pounds = (pence: number) =>
  `${pence < 0 ? '-' : ''}${Math.floor(Math.abs(pence) / 100)}.${String(Math.abs(pence) % 100).padStart(2, '0')}`;

function csvFile(dir: string): string {
  const lines = ['Date,Description,Amount'];
  for (let i = 0; i < rows; i++) {
    const r = row(i);
    const d = r.date;
    const day = `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
    lines.push(`${day},"${r.description}",${pounds(r.pence)}`);
  }
  const path = join(dir, 'bench.csv');
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

function ofxFile(dir: string): string {
  const parts = [
    'OFXHEADER:100\r\nDATA:OFXSGML\r\n\r\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>GBP<BANKACCTFROM><ACCTID>1</BANKACCTFROM><BANKTRANLIST>',
  ];
  for (let i = 0; i < rows; i++) {
    const r = row(i);
    const day = r.date.toISOString().slice(0, 10).replaceAll('-', '');
    parts.push(
      `<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>${day}<TRNAMT>${pounds(r.pence)}<FITID>F${i}<NAME>${r.description}</STMTTRN>`,
    );
  }
  parts.push('</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>');
  const path = join(dir, 'bench.ofx');
  writeFileSync(path, parts.join('\r\n'));
  return path;
}

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return ((used.user + used.system) / 1e6).toFixed(2);
};

const server = await startTestPostgres();
try {
  const dir = tempDir('import-bench');
  const files = { CSV: csvFile(dir), OFX: ofxFile(dir) };
  console.log(`Statement import: ${rows.toLocaleString('en-GB')} rows per file\n`);
  console.log('| store | file | import | rows/s | CPU s | the same file again | rows/s | CPU s |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [name, target] of [
    ['SQLite', () => Promise.resolve(tempSqlitePath())],
    ['PostgreSQL', () => server.createDatabase('bench')],
  ] as const) {
    for (const [kind, path] of Object.entries(files)) {
      const store = await openStore(await target());
      try {
        let started = performance.now();
        let cpu = process.cpuUsage();
        const first = await importStatementFile(store, path, { account: 'Bench' });
        const imported = performance.now() - started;
        const importCpu = cpuSeconds(cpu);
        if (first.added !== rows) throw new Error(`added ${first.added} of ${rows}`);
        started = performance.now();
        cpu = process.cpuUsage();
        const again = await importStatementFile(store, path, { account: 'Bench' });
        const reimported = performance.now() - started;
        const againCpu = cpuSeconds(cpu);
        if (again.added !== 0) throw new Error(`the re-import added ${again.added}`);
        const rate = (ms: number) => Math.round(rows / (ms / 1000)).toLocaleString('en-GB');
        console.log(
          `| ${name} | ${kind} | ${(imported / 1000).toFixed(2)} s | ${rate(imported)} | ${importCpu} | ${(reimported / 1000).toFixed(2)} s | ${rate(reimported)} | ${againCpu} |`,
        );
      } finally {
        await store.close();
      }
    }
  }
} finally {
  await server.stop();
  await runCleanups();
}
