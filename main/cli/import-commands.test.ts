// `spending import`, `spending imports …` and `spending accounts list`
// against real stores on both dialects, and once as its own process from the
// built bundle, as users run it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, cliProcess } from '../../e2e/support/run-cli.js';
import { tempDir } from '../../e2e/support/test-cleanup.js';
import { storeTargets } from '../../e2e/support/test-databases.js';
import { openStore } from '../../db/open-store.js';

const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

describe.each(storeTargets)('spending import on $dialect', ({ target }) => {
  let db: string;
  let dir: string;
  const file = (name: string, content: string | Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const run = (...args: string[]) => cli('--db', db, ...args);

  beforeAll(async () => {
    db = await target();
    await (await openStore(db)).close();
    dir = tempDir('cli-import');
  });

  it('imports a Santander download and a Money out/Money in CSV, prints each file’s counts, and adds nothing twice', async () => {
    const santander = file(
      'Statement.xls',
      new Uint8Array(
        iconv.encode(
          '<html><body><table><tr><td> Date </td><td> Description </td><td> Money in </td><td> Money Out </td><td> Balance </td></tr>\r\n' +
            '<tr><td></td><td></td><td></td><td></td><td></td></tr>\r\n' +
            '<tr><td>03/02/2025</td><td>CARD PAYMENT TO CAFÉ ROUGE</td><td></td><td>£1,023.45</td><td>£10.00</td></tr>\r\n' +
            '<tr><td>04/02/2025</td><td>SALARY</td><td>£2,000.00</td><td></td><td>£2,010.00</td></tr>\r\n' +
            '</table></body></html>',
          'latin1',
        ),
      ),
    );
    const csv = file(
      'bank.csv',
      'Date,Description,Money out,Money in,Balance\n05/02/2025,TFL TRAVEL,2.80,,1.00\nnot a date,X,1.00,,1.00\n',
    );
    const first = await run('--json', 'import', santander, csv, '--account', 'Santander');
    expect(first.code).toBe(0);
    expect(json(first.stdout)).toMatchObject({
      ok: true,
      dryRun: false,
      files: [
        { file: santander, format: 'santander-html', added: 2, duplicates: 0, unreadable: [] },
        {
          file: csv,
          format: 'csv',
          added: 1,
          duplicates: 0,
          unreadable: [{ line: 3, reason: 'the date "not a date" cannot be read' }],
        },
      ],
      failed: [],
    });
    const again = await run('import', santander, csv, '--account', 'Santander');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`${santander} (santander-html): added 0, 2 already there, 0 unreadable`);
    expect(again.stdout).toContain('  line 3: the date "not a date" cannot be read');

    const list = await run('--json', 'list', '--search', 'café rouge');
    expect(json(list.stdout)).toMatchObject({
      items: [{ description: 'CARD PAYMENT TO CAFÉ ROUGE', amountPence: -102_345 }],
    });
    const accounts = await run('--json', 'accounts', 'list');
    expect(json(accounts.stdout)).toMatchObject({
      accounts: [{ name: 'Santander', kind: 'current', transactions: 3 }],
    });
  });

  it('reads columns given with --map and --date-format, saves them as a profile and uses it again', async () => {
    const a = file('us.csv', 'When;What;Out;In\n02/28/2025;HARDWARE STORE;10.00;\n03/01/2025;REFUND;;4.00\n');
    const auto = await run('--json', 'import', a, '--dry-run');
    expect(auto.code).toBe(2);
    expect(json(auto.stdout)).toMatchObject({
      ok: false,
      files: [],
      failed: [
        {
          file: a,
          error: {
            code: 'invalid_input',
            message: expect.stringMatching(/^The columns of us.csv were not recognised/) as unknown,
          },
        },
      ],
    });
    expect(auto.stderr).toContain('1 of 1 file could not be imported.');

    const mapped = await run(
      '--json',
      'import',
      a,
      '--map',
      'date=When,description=What,out=Out,in=In',
      '--date-format',
      'MM/DD/YYYY',
      '--save-profile',
      'usbank',
      '--dry-run',
    );
    expect(mapped.code).toBe(0);
    expect(json(mapped.stdout)).toMatchObject({ dryRun: true, files: [{ added: 2, duplicates: 0, importIds: [] }] });
    const b = file('us2.csv', 'When;What;Out;In\n03/02/2025;LUMBER;99.99;\n');
    const saved = await run('--json', 'import', a, b, '--profile', 'usbank', '--account', 'US checking');
    expect(json(saved.stdout)).toMatchObject({ files: [{ added: 2 }, { added: 1 }] });
    const missing = await run('import', b, '--profile', 'nope');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no import profile called “nope”.');
    const badMap = await run('import', b, '--map', 'date=When,amount');
    expect(badMap.code).toBe(2);
    expect(badMap.stderr).toContain('“amount” is not KEY=COLUMN.');
  });

  it('lists imports and undoes one, with the account it made', async () => {
    const qif = file('card.qif', '!Type:CCard\nD10/03/2025\nT-15.00\nPNETFLIX\n^\n');
    const imported = json((await run('--json', 'import', qif, '--account', 'Amex')).stdout) as {
      files: { importIds: number[] }[];
    };
    const [id] = imported.files[0]?.importIds ?? [];
    const listed = json((await run('--json', 'imports', 'list')).stdout) as {
      imports: { id: number; fileName: string }[];
    };
    expect(listed.imports[0]).toMatchObject({ id, fileName: 'card.qif', account: 'Amex', added: 1 });
    const undone = await run('imports', 'undo', String(id));
    expect(undone.stdout).toBe(`Undid import ${id}: removed 1 transactions and the account “Amex”.\n`);
    const again = await run('imports', 'undo', String(id));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`No statement import with id ${id}.`);
  });
});

describe('spending import as its own process', () => {
  it('runs from the built bundle: an OFX previewed with --dry-run --json writes nothing', async () => {
    const dir = tempDir('cli-import-process');
    const db = join(dir, 'store.sqlite');
    await (await openStore(db)).close();
    const path = join(dir, 'bank.ofx');
    writeFileSync(
      path,
      'OFXHEADER:100\nDATA:OFXSGML\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><BANKACCTFROM><ACCTID>1</BANKACCTFROM><BANKTRANLIST>\n<STMTTRN><DTPOSTED>20250101<TRNAMT>-1.23<FITID>A<NAME>SHOP</STMTTRN>\n</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n',
    );
    const result = await cliProcess(['--db', db, '--json', 'import', path, '--dry-run']);
    expect(result.code).toBe(0);
    expect(json(result.stdout)).toMatchObject({ ok: true, dryRun: true, files: [{ format: 'ofx', added: 1 }] });
    const store = await openStore(db);
    try {
      expect(await store.imports.list()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
