// OFX and QFX, both SGML (v1: header lines, leaf tags never closed) and XML
// (v2). A flat scan of the tags rather than a tree: leaves are whatever tag
// has text after it, which is the one rule both versions share. Each STMTRS
// (bank) or CCSTMTRS (card) is one statement; FITID becomes the import id.
import { parseAmount, type Parsed } from './amounts.js';
import { badFile, DOWNLOAD_AGAIN } from './bad-file.js';
import { isoDate } from './dates.js';
import { joinNameAndMemo } from './descriptions.js';
import type { Statement, StatementAccount, StatementFormat } from './statement.js';

const TAG = /<(\/?)([A-Za-z][A-Za-z0-9_.]*)[^>]*>([^<]*)/g;
const ENTITY = /&(amp|lt|gt|quot|apos|nbsp|#\d+|#x[0-9a-f]+);/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(ENTITY, (_, name: string) => {
    if (name[0] !== '#') return NAMED[name.toLowerCase()] ?? `&${name};`;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : `&${name};`;
  });
}

const DATE_TIME =
  /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(?:(\d{2})(?:\.\d{1,3})?)?)?\s*(?:\[\s*[+-]?\d{1,2}(?:\.\d{1,2})?(?::[A-Za-z]{0,8})?\s*\])?$/;

/**
 * DTPOSTED/DTASOF ("20240105", "20240105120000.000[-5:EST]") as the calendar
 * date the bank wrote. The offset is checked but not applied: a statement's
 * dates are the bank's own days, and shifting 00:00 [+1:BST] to UTC would
 * move a transaction to the day before.
 */
export function parseOfxDate(text: string): Parsed<string> {
  const m = DATE_TIME.exec(text.trim());
  const bad = { ok: false as const, reason: `the date ${JSON.stringify(text)} cannot be read` };
  if (!m) return bad;
  if (Number(m[4] ?? 0) > 23 || Number(m[5] ?? 0) > 59 || Number(m[6] ?? 0) > 60) return bad;
  const value = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return value ? { ok: true, value } : { ok: false, reason: `the date ${JSON.stringify(text)} does not exist` };
}

function ofxAmount(text: string): Parsed<number> {
  const point = parseAmount(text);
  // Some European banks write TRNAMT with a decimal comma despite the spec.
  if (!point.ok && /^\s*[-+]?\d+,\d{1,2}\s*$/.test(text)) return parseAmount(text, { decimalComma: true });
  return point;
}

export function parseOfx(text: string, fileName?: string): Statement[] {
  const start = text.search(/<OFX>/i);
  if (start < 0) throw badFile(fileName, 'is not an OFX file: it has no <OFX> element.', DOWNLOAD_AGAIN);
  const format: StatementFormat = /<INTU\.BID>/i.test(text) ? 'qfx' : 'ofx';

  let line = 1;
  let lineScan = 0;
  const lineAt = (pos: number) => {
    for (let nl = text.indexOf('\n', lineScan); nl >= 0 && nl < pos; nl = text.indexOf('\n', lineScan)) {
      line++;
      lineScan = nl + 1;
    }
    return line;
  };

  const statements: Statement[] = [];
  let statement: Statement | undefined;
  let account: StatementAccount = {};
  let inAccount = false;
  let inLedger = false;
  let ledger: Record<string, string> = {};
  let transaction: Record<string, string> | undefined;
  let transactionLine = 0;
  let investments = 0;
  let closed = false;

  const finishTransaction = () => {
    const fields = transaction;
    const target = statement;
    transaction = undefined;
    if (!fields || !target) return;
    const bad = (reason: string) => target.unreadable.push({ line: transactionLine, reason, raw: fields });
    if (!fields.DTPOSTED) return bad('the transaction has no DTPOSTED date');
    if (!fields.TRNAMT) return bad('the transaction has no TRNAMT amount');
    const date = parseOfxDate(fields.DTPOSTED);
    if (!date.ok) return bad(date.reason);
    const amount = ofxAmount(fields.TRNAMT);
    if (!amount.ok) return bad(amount.reason);
    target.rows.push({
      line: transactionLine,
      date: date.value,
      description: joinNameAndMemo(fields.NAME, fields.MEMO),
      amountPence: amount.value,
      ...(fields.FITID ? { importId: fields.FITID } : {}),
      raw: fields,
    });
  };
  const finishStatement = () => {
    finishTransaction();
    const s = statement;
    statement = undefined;
    if (!s) return;
    if (Object.keys(account).length) s.account = account;
    if (ledger.BALAMT) {
      const pence = ofxAmount(ledger.BALAMT);
      const date = ledger.DTASOF ? parseOfxDate(ledger.DTASOF) : undefined;
      if (pence.ok) s.closingBalance = date?.ok ? { pence: pence.value, date: date.value } : { pence: pence.value };
      else s.warnings.push(`The closing balance cannot be read: ${pence.reason}.`);
    }
    statements.push(s);
  };

  TAG.lastIndex = start;
  for (let m = TAG.exec(text); m; m = TAG.exec(text)) {
    const [, closing, name = '', content = ''] = m;
    const tag = name.toUpperCase();
    const value = content.trim();
    if (closing) {
      if (tag === 'STMTTRN' && transaction) finishTransaction();
      else if ((tag === 'STMTRS' || tag === 'CCSTMTRS') && statement) finishStatement();
      else if (tag === 'BANKACCTFROM' || tag === 'CCACCTFROM') inAccount = false;
      else if (tag === 'LEDGERBAL') inLedger = false;
      else if (tag === 'BANKTRANLIST' && transaction) finishTransaction();
      else if (tag === 'OFX') {
        if (statement) finishStatement();
        closed = true;
      }
      continue;
    }
    switch (tag) {
      case 'STMTRS':
      case 'CCSTMTRS':
        if (statement) finishStatement();
        statement = { format, rows: [], unreadable: [], warnings: [] };
        account = tag === 'CCSTMTRS' ? { type: 'CREDITCARD' } : {};
        ledger = {};
        break;
      case 'INVSTMTRS':
        investments++;
        break;
      case 'BANKACCTFROM':
      case 'CCACCTFROM':
        inAccount = true;
        break;
      case 'LEDGERBAL':
        inLedger = true;
        break;
      case 'STMTTRN':
        if (transaction) finishTransaction();
        transaction = {};
        transactionLine = lineAt(m.index);
        break;
      default: {
        if (!value) break;
        const text = decodeEntities(value);
        if (transaction) transaction[tag] ??= text;
        else if (inAccount && statement) {
          if (tag === 'ACCTID') account.id = text;
          else if (tag === 'BANKID') account.bankId = text;
          else if (tag === 'BRANCHID') account.branchId = text;
          else if (tag === 'ACCTTYPE') account.type = text;
        } else if (inLedger) ledger[tag] = text;
        else if (tag === 'CURDEF' && statement) account.currency = text;
      }
    }
  }
  if (!closed) {
    throw badFile(fileName, 'ends before its OFX data does (no closing </OFX>): it looks cut short.', DOWNLOAD_AGAIN);
  }
  if (statements.length === 0) {
    const why = investments
      ? 'only an investment statement, which Spending does not import'
      : 'no bank or card statement';
    throw badFile(fileName, `has ${why}.`, 'Download the statement of a current, savings or card account.');
  }
  if (investments)
    statements[0]?.warnings.push(
      `${investments} investment statement${investments === 1 ? ' was' : 's were'} not imported.`,
    );
  return statements;
}
