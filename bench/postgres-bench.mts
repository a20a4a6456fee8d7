// Time to ready for each PostgreSQL provider (cold: nothing exists yet; warm:
// stopped, data kept), and backup/restore times at 1M transactions. Prints
// figures; asserts nothing. Usage:
//   npm run bench:postgres                          # 1M transactions
//   npm run bench:postgres -- --transactions 200000
// Docker runs on a private dockerd with the locally built image (Linux, root),
// as tier 2 does; elsewhere its rows say why they are missing.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../db/open-store.js';
import { dockerdUnavailableReason, startTestDockerd } from '../e2e/support/dockerd.js';
import { startTestPostgres } from '../e2e/support/postgres-server.js';
import { buildTestPostgresImage } from '../e2e/support/postgres-test-image.js';
import { BackupService } from '../main/services/backups/backup-service.js';
import { positiveInt } from '../main/cli/number-args.js';
import { seedDemo } from '../main/services/demo/seed-demo.js';
import { DockerProvider } from '../main/services/postgres/docker/docker-provider.js';
import { EmbeddedProvider } from '../main/services/postgres/embedded-provider.js';
import { ExternalProvider } from '../main/services/postgres/external-provider.js';
import { memoryPassword } from '../main/services/postgres/memory-password.js';
import { freePort } from '../e2e/support/postgres-server.js';
import type { PostgresProvider } from '../main/services/postgres/types.js';
import { scriptArgs } from '../e2e/support/script-args.js';

const { transactions, runs } = scriptArgs(
  'bench:postgres',
  "Each PostgreSQL provider's time to ready (cold and warm) and backup/restore times.",
  (c) =>
    c
      .option('--transactions <n>', 'demo transactions to back up and restore', positiveInt(50_000_000), 1_000_000)
      .option('--runs <n>', 'runs per figure (the median is shown)', positiveInt(100), 3),
).opts<{ transactions: number; runs: number }>();
const rows: string[][] = [];

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function readiness(name: string, provider: PostgresProvider) {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    await provider.destroy();
    cold.push((await timed(() => provider.start()))[1]);
    await provider.stop();
    warm.push((await timed(() => provider.start()))[1]);
  }
  rows.push([
    `${name}: time to ready, cold (create + start)`,
    seconds(median(cold)),
    `min ${seconds(Math.min(...cold))}`,
  ]);
  rows.push([
    `${name}: time to ready, warm (stopped → running)`,
    seconds(median(warm)),
    `min ${seconds(Math.min(...warm))}`,
  ]);
}

async function backupRestore(name: string, provider: PostgresProvider, dir: string) {
  const store = await openStore(await provider.connectionUrl());
  const [, seedMs] = await timed(() => seedDemo(store, { transactions, seed: 1 }));
  await store.close();
  const backups = new BackupService(join(dir, 'backups'));
  const [made, backupMs] = await timed(() => backups.backup({ kind: 'postgres', provider }));
  await provider.destroy();
  await provider.start();
  const [, restoreMs] = await timed(() => backups.restorePostgres(made.id, provider));
  const n = transactions.toLocaleString('en-GB');
  rows.push([`${name}: seed ${n} transactions`, seconds(seedMs), '']);
  rows.push([
    `${name}: backup (pg_dump -Fc + checksums)`,
    seconds(backupMs),
    `${(made.bytes / 1e6).toFixed(1)} MB, ${Math.round(transactions / (backupMs / 1000)).toLocaleString('en-GB')} tx/s`,
  ]);
  rows.push([
    `${name}: restore + verify`,
    seconds(restoreMs),
    `${Math.round(transactions / (restoreMs / 1000)).toLocaleString('en-GB')} tx/s`,
  ]);
}

const home = mkdtempSync(join(tmpdir(), 'spending-pg-bench-'));
chmodSync(home, 0o755);

// Embedded.
{
  const embedded = new EmbeddedProvider({ dir: join(home, 'embedded'), password: memoryPassword() });
  await readiness('embedded', embedded);
  await backupRestore('embedded', embedded, join(home, 'embedded-backups'));
  await embedded.destroy();
}

// External: a server that is already running; "ready" is connecting and SELECT 1.
{
  const server = await startTestPostgres({ durable: true });
  const url = new URL(server.adminUrl);
  const external = new ExternalProvider(
    { host: url.hostname, port: Number(url.port), database: 'postgres', user: 'postgres', tls: 'prefer' },
    memoryPassword(decodeURIComponent(url.password)),
  );
  const times: number[] = [];
  for (let i = 0; i < 20; i++) times.push((await timed(() => external.start()))[1]);
  rows.push([
    'external: time to ready (connect, TLS offer, SELECT 1)',
    seconds(median(times)),
    `min ${seconds(Math.min(...times))}`,
  ]);
  await server.stop();
}

// Docker.
const why = dockerdUnavailableReason();
if (why) rows.push(['docker', 'not measured', why]);
else {
  const daemon = await startTestDockerd();
  try {
    const image = await buildTestPostgresImage(daemon.dockerHost);
    const docker = new DockerProvider({
      settings: { image, network: 'host', preferredPort: await freePort(), engine: daemon.dockerHost },
      password: memoryPassword(),
    });
    await readiness(`docker (${image})`, docker);
    await backupRestore('docker', docker, join(home, 'docker-backups'));
    await docker.destroy();
  } finally {
    await daemon.stop();
  }
}

// SQLite for comparison: the online backup API and a verified copy.
{
  const path = join(home, 'store.sqlite');
  const store = await openStore(path);
  await seedDemo(store, { transactions, seed: 1 });
  const backups = new BackupService(join(home, 'sqlite-backups'));
  const [made, backupMs] = await timed(() => backups.backup({ kind: 'sqlite', path }));
  await store.close();
  const [, restoreMs] = await timed(() => backups.restoreSqlite(made.id, join(home, 'restored.sqlite')));
  rows.push([
    'sqlite: backup (online backup API + checksums)',
    seconds(backupMs),
    `${(made.bytes / 1e6).toFixed(1)} MB`,
  ]);
  rows.push(['sqlite: restore + verify', seconds(restoreMs), '']);
}

rmSync(home, { recursive: true, force: true });
const width = Math.max(...rows.map((r) => r[0]?.length ?? 0));
console.log(
  `\nPostgreSQL providers, ${transactions.toLocaleString('en-GB')} transactions, median of ${String(runs)} runs`,
);
for (const [what, value, note] of rows)
  console.log(`${(what ?? '').padEnd(width)}  ${(value ?? '').padStart(12)}  ${note ?? ''}`);
