// The statement import methods as the renderer calls them: through the
// contract's schemas and the dispatcher, on a real SQLite store file, with
// files picked (a path) or dropped (bytes).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../db/open-store.js';
import type { SqlStore } from '../../db/sql-store.js';
import { tempDir } from '../../e2e/support/test-cleanup.js';
import { tempSqlitePath } from '../../e2e/support/test-databases.js';
import type { EventPayload } from '../../preload/contract.js';
import { createDispatcher, type Dispatch } from './dispatch.js';
import { createImportHandlers } from './import-handlers.js';
import { createStoreHandlers } from './store-handlers.js';

// A bank whose headers no common name matches, with a summary line above the table.
const OWN_BANK =
  'Account summary for 12-34-56 00112233\n' +
  'When,What,Out,In,Left\n' +
  '03/02/2025,"TESCO STORES 3297, LONDON",42.17,,957.83\n' +
  '04/02/2025,SALARY ACME LTD,,1500.00,2457.83\n' +
  '31/02/2025,NOT A DAY,1.00,,2456.83\n';
const OWN_MAPPING = {
  skipLines: 1,
  dateFormat: 'DD/MM/YYYY',
  columns: { date: 'When', description: ['What'], out: 'Out', in: 'In' },
} as const;

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('statement import methods', () => {
  let store: SqlStore;
  let dispatch: Dispatch;
  let picked: string | null;
  let progress: EventPayload<'import:progress'>[];
  let onProgress: (payload: EventPayload<'import:progress'>) => void;
  let dir: string;

  beforeEach(async () => {
    store = await openStore(tempSqlitePath('imports-ipc'));
    dir = tempDir('imports-ipc-files');
    picked = null;
    progress = [];
    onProgress = () => undefined;
    const ctx = {
      store: () => store,
      appVersion: 'test',
      chooseFile: () => Promise.resolve(picked),
      emit: (payload: EventPayload<'import:progress'>) => {
        progress.push(payload);
        onProgress(payload);
      },
    };
    dispatch = createDispatcher({ ...createStoreHandlers(ctx), ...createImportHandlers(ctx) });
  });
  afterEach(() => store.close());

  const call = async (method: string, input?: unknown) => {
    const result = await dispatch(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
    return result.value as Record<string, unknown>;
  };
  const count = () => store.countTransactions({});

  it('previews a dropped CSV whose columns are not recognised: its lines to map, the reason, and nothing written', async () => {
    const source = { fileName: 'own-bank.csv', base64: base64(OWN_BANK) };
    const unmapped = await call('previewStatement', { source });
    expect(unmapped).toMatchObject({
      fileName: 'own-bank.csv',
      format: 'csv',
      counts: { added: 0, duplicates: 0, unreadable: 0 },
      table: { delimiter: ',', header: null, plan: null },
    });
    expect((unmapped.problem as { message: string }).message).toContain('were not recognised');
    expect((unmapped.table as { records: { cells: string[] }[] }).records[1]?.cells).toEqual([
      'When',
      'What',
      'Out',
      'In',
      'Left',
    ]);

    const mapped = await call('previewStatement', { source, mapping: OWN_MAPPING, account: 'Own bank' });
    expect(mapped).toMatchObject({
      problem: null,
      counts: { added: 2, duplicates: 0, unreadable: 1 },
      rows: [
        { line: 3, date: '2025-02-03', description: 'TESCO STORES 3297, LONDON', amountPence: -4217, duplicate: null },
        { line: 4, date: '2025-02-04', description: 'SALARY ACME LTD', amountPence: 150000, duplicate: null },
      ],
      unreadable: [{ line: 5, reason: 'the date "31/02/2025" does not exist' }],
      account: { name: 'Own bank', exists: false },
      table: { header: { line: 2, cells: ['When', 'What', 'Out', 'In', 'Left'] }, plan: { date: 0, out: 2, in: 3 } },
    });
    expect(await count()).toBe(0);
    expect(await call('listAccounts')).toEqual([]);
  });

  it('imports a picked file with progress, finds every row already there the second time, lists and undoes it', async () => {
    const path = join(dir, 'own-bank.csv');
    writeFileSync(path, OWN_BANK);
    picked = path;
    expect(await call('chooseStatementFile')).toEqual({ path });
    const choice = { source: { path }, mapping: OWN_MAPPING, account: 'Own bank' };

    const first = await call('importStatement', { ...choice, id: 'first' });
    expect(first).toMatchObject({ fileName: 'own-bank.csv', format: 'csv', added: 2, duplicates: 0 });
    expect(progress.at(0)).toEqual({ id: 'first', phase: 'reading', done: 0, total: 0 });
    expect(progress.at(-1)).toEqual({ id: 'first', phase: 'writing', done: 2, total: 2 });
    expect(await count()).toBe(2);

    const again = await call('previewStatement', choice);
    expect(again).toMatchObject({ counts: { added: 0, duplicates: 2, unreadable: 1 }, sameFile: first.importIds });
    expect((again.rows as { duplicate: string }[]).map((r) => r.duplicate)).toEqual([
      'same date, amount and description',
      'same date, amount and description',
    ]);
    expect(await call('importStatement', { ...choice, id: 'second' })).toMatchObject({ added: 0, duplicates: 2 });
    expect(await count()).toBe(2);

    const imports = (await call('listStatementImports')) as unknown as { id: number; added: number }[];
    expect(imports.map((i) => i.added)).toEqual([0, 2]);
    expect(await call('listAccounts')).toMatchObject([{ name: 'Own bank', kind: 'current', transactions: 2 }]);

    const firstId = imports[1]?.id;
    expect(await call('undoStatementImport', { id: firstId })).toEqual({
      importId: firstId,
      removed: 2,
      accountRemoved: null,
    });
    expect(await count()).toBe(0);
    const missing = await dispatch('undoStatementImport', { id: firstId });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('cancels a running import: the transaction is rolled back and the reason says nothing was written', async () => {
    const lines = Array.from(
      { length: 5_000 },
      (_, i) => `${String((i % 28) + 1).padStart(2, '0')}/01/2025,SHOP ${i},-1.${String(i % 100).padStart(2, '0')}`,
    );
    const source = { fileName: 'big.csv', base64: base64(`Date,Description,Amount\n${lines.join('\n')}\n`) };
    onProgress = (p) => {
      if (p.phase === 'writing') void dispatch('cancelStatementImport', { id: 'big' });
    };
    const result = await dispatch('importStatement', { source, id: 'big' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'unavailable',
        message: 'Import cancelled; nothing was written.',
        remedy: 'Import the file again when you are ready.',
      },
    });
    expect(await count()).toBe(0);
    expect(await call('listStatementImports')).toEqual([]);
    expect(await call('cancelStatementImport', { id: 'big' })).toEqual({ cancelled: false });
  });

  it('saves, lists and deletes column mappings; a mapping that contradicts itself is refused with the reason', async () => {
    await call('saveImportProfile', { name: ' Own bank ', mapping: OWN_MAPPING });
    expect(await call('listImportProfiles')).toEqual([{ name: 'Own bank', mapping: OWN_MAPPING }]);
    const contradicting = await dispatch('saveImportProfile', {
      name: 'bad',
      mapping: { columns: { date: 1, description: 2, amount: 3, out: 4, in: 5 } },
    });
    expect(contradicting).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Give either an amount column or both money out and money in columns.',
        field: 'mapping.columns',
      },
    });
    await call('deleteImportProfile', { name: 'Own bank' });
    expect(await call('listImportProfiles')).toEqual([]);
    expect(await dispatch('deleteImportProfile', { name: 'Own bank' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', remedy: 'Reload the list and try again.' },
    });
  });

  it('says what is wrong with a file that is not a statement, and with bytes that are not base64', async () => {
    const pdf = await dispatch('previewStatement', {
      source: { fileName: 'statement.pdf', base64: Buffer.from('%PDF-1.7\n').toString('base64') },
    });
    expect(pdf).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'statement.pdf is a PDF document, not a statement.' },
    });
    expect(await dispatch('previewStatement', { source: { fileName: 'x.csv', base64: 'not base64!' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await dispatch('previewStatement', { source: { path: join(dir, 'gone.csv') } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: `${join(dir, 'gone.csv')} does not exist.` },
    });
  });
});
