// `spending verify`: two stores, read-only, compared table by table (rows and
// checksums) and by the old guide's checks. Either may be SQLite or PostgreSQL.
import type { StoreTarget } from '../open-store.js';
import { compareFingerprints, fingerprintAll } from '../verify/table-fingerprints.js';
import { compareChecks, type MoveReport } from './move-report.js';
import { openMoveSource } from './source.js';
import { storeChecks } from './store-checks.js';

export interface VerifyReport {
  ok: boolean;
  a: string;
  b: string;
  tables: Record<string, { a: number; b: number; checksumMatch: boolean }>;
  checks: MoveReport['checks'];
  ms: number;
}

export async function verifyStores(a: StoreTarget, b: StoreTarget): Promise<VerifyReport> {
  const started = performance.now();
  const left = await openMoveSource(a);
  const right = await openMoveSource(b).catch(async (error: unknown) => {
    await left.close();
    throw error;
  });
  try {
    const [fa, fb] = [await fingerprintAll(left.read), await fingerprintAll(right.read)];
    const differing = new Set(compareFingerprints(fa, fb).map((d) => d.table));
    const checks = compareChecks(
      await storeChecks(left.read, left.dialect),
      await storeChecks(right.read, right.dialect),
    );
    const tables = Object.fromEntries(
      Object.keys({ ...fa, ...fb })
        .sort()
        .map((t) => [t, { a: fa[t]?.rows ?? 0, b: fb[t]?.rows ?? 0, checksumMatch: !differing.has(t) }]),
    );
    return {
      ok: differing.size === 0 && checks.every((c) => c.match),
      a: left.location,
      b: right.location,
      tables,
      checks,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    await Promise.all([left.close(), right.close()]);
  }
}
