// QIF (Quicken Interchange Format): "!Type:Bank" / "!Type:CCard" sections of
// records ended by "^", one field a line (D date, T/U amount, P payee,
// M memo, …), and "!Account" records naming the account the next section
// belongs to, so one file can hold several accounts: one statement each.
import { parseAmount } from './amounts.js';
import { badFile, DOWNLOAD_AGAIN } from './bad-file.js';
import { inferDayOrder, parseDate, type DayOrder } from './dates.js';
import { joinNameAndMemo } from './descriptions.js';
import type { Statement } from './statement.js';

const TRANSACTION_TYPES = new Set(['bank', 'cash', 'ccard', 'oth a', 'oth l']);
// Lists that are not statements and say nothing the import needs.
const LIST_TYPES = new Set(['cat', 'class']);

export interface QifOptions {
  /** Fixed day order; absent: day first (UK) unless every date needs month first. */
  dayOrder?: DayOrder;
}

interface QifRecord {
  line: number;
  fields: Record<string, string>;
}

interface Section {
  key: string;
  account: { name?: string; type?: string };
  records: QifRecord[];
}

export function parseQif(text: string, options: QifOptions = {}, fileName?: string): Statement[] {
  const lines = text.split(/\r\n|\n|\r/);
  const sections = new Map<string, Section>();
  const warnings: string[] = [];
  let mode: 'accounts' | 'transactions' | 'other' = 'other';
  let account: { name?: string; type?: string } = {};
  let section: Section | undefined;
  let record: QifRecord | undefined;

  const endRecord = () => {
    const done = record;
    record = undefined;
    if (!done) return;
    if (mode === 'accounts') {
      account = {};
      if (done.fields.N) account.name = done.fields.N;
      if (done.fields.T) account.type = done.fields.T;
    } else if (mode === 'transactions') section?.records.push(done);
  };

  for (const [i, text] of lines.entries()) {
    if (!text.trim()) continue;
    if (text.startsWith('!')) {
      endRecord();
      const type = /^!Type:(.*)$/i.exec(text.trim())?.[1]?.trim();
      if (/^!Account\s*$/i.test(text)) mode = 'accounts';
      else if (type !== undefined && TRANSACTION_TYPES.has(type.toLowerCase())) {
        mode = 'transactions';
        const key = `${account.name ?? ''}\u0000${type.toLowerCase()}`;
        section = sections.get(key);
        if (!section) {
          section = { key, account: { ...account, type: account.type ?? type }, records: [] };
          sections.set(key, section);
        }
      } else if (type !== undefined) {
        mode = 'other';
        if (!LIST_TYPES.has(type.toLowerCase()))
          warnings.push(
            `The "!Type:${type}" section (line ${i + 1}) is not a bank or card statement and was not imported.`,
          );
      }
      // !Option:AutoSwitch / !Clear:AutoSwitch only bracket the account list.
      continue;
    }
    if (text.startsWith('^')) {
      endRecord();
      continue;
    }
    record ??= { line: i + 1, fields: {} };
    const code = text.charAt(0);
    const value = text.slice(1);
    const previous = record.fields[code];
    // Address lines and split lines repeat; keep them all.
    record.fields[code] = previous === undefined ? value : `${previous}\n${value}`;
  }
  if (record && mode !== 'other') {
    throw badFile(
      fileName,
      `ends in the middle of a record (line ${record.line}, no closing "^"): it looks cut short.`,
      DOWNLOAD_AGAIN,
    );
  }

  const all = [...sections.values()];
  const dates = all.flatMap((s) => s.records.map((r) => r.fields.D ?? ''));
  const inferred = options.dayOrder ? { order: options.dayOrder } : inferDayOrder(dates, 'dmy');
  return all.map((s, index) => {
    const statement: Statement = {
      format: 'qif',
      rows: [],
      unreadable: [],
      warnings: index === 0 ? [...warnings] : [],
    };
    if (inferred.warning) statement.warnings.push(inferred.warning);
    const { name, type } = s.account;
    statement.account = { ...(name !== undefined ? { name } : {}), ...(type !== undefined ? { type } : {}) };
    for (const { line, fields } of s.records) {
      const bad = (reason: string) => statement.unreadable.push({ line, reason, raw: fields });
      const date = parseDate(fields.D ?? '', inferred.order);
      if (!date.ok) {
        bad(date.reason);
        continue;
      }
      const amountText = fields.T ?? fields.U;
      if (amountText === undefined) {
        bad('the record has no amount (T or U line)');
        continue;
      }
      const amount = parseAmount(amountText);
      if (!amount.ok) {
        bad(amount.reason);
        continue;
      }
      statement.rows.push({
        line,
        date: date.value,
        description: joinNameAndMemo(fields.P, fields.M),
        amountPence: amount.value,
        raw: fields,
      });
    }
    return statement;
  });
}
