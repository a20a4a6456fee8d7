import { addDays, isoDate } from './clock.js';
import { CARD_TEMPLATES, CURRENT_TEMPLATES, SAVINGS_TEMPLATES, type TxTemplate } from './bank-templates.js';
import { pick, randomInt, seededHex, seededRandom, type Random } from './prng.js';

export interface BankTransaction {
  transactionId: string;
  normalisedId?: string;
  providerId: string;
  timestamp: string;
  description: string;
  /** Signed, in the provider's convention (card purchases positive). */
  pence: number;
  type: 'DEBIT' | 'CREDIT';
  category: string;
  classification: string[];
  merchantName?: string;
  meta: Record<string, string>;
}

export interface BankAccount {
  id: string;
  username: string;
  kind: 'account' | 'card';
  accountType: 'TRANSACTION' | 'SAVINGS' | 'CARD';
  displayName: string;
  sortCode: string;
  number: string;
  balance: { current: number; available: number; overdraft: number };
  settled: BankTransaction[];
  pending: BankTransaction[];
  /** Items served as given among the settled ones, whatever dates are asked for: a bank's odd records. */
  verbatim?: Record<string, unknown>[];
}

export interface BankOptions {
  seed: number;
  historyDays: number;
  transactionsPerAccount: number;
  pendingPerAccount: number;
}

/** Card purchases are positive DEBITs, account debits negative: the provider sign conventions clients must cope with. */
export function signedPence(kind: 'account' | 'card', type: 'DEBIT' | 'CREDIT', magnitude: number): number {
  const negative = kind === 'card' ? type === 'CREDIT' : type === 'DEBIT';
  return negative ? -Math.abs(magnitude) : Math.abs(magnitude);
}

export const sortKey = (tx: BankTransaction): string => tx.timestamp.slice(0, 19);

function timestampFor(rand: Random, date: string): string {
  const format = randomInt(rand, 0, 2);
  if (format === 0) return `${date}T00:00:00`;
  if (format === 1) return `${date}T00:00:00+00:00`;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date}T${two(randomInt(rand, 6, 22))}:${two(randomInt(rand, 0, 59))}:${two(randomInt(rand, 0, 59))}Z`;
}

function makeTransaction(
  rand: Random,
  kind: 'account' | 'card',
  tpl: TxTemplate,
  date: string,
  withNormalisedId: boolean,
): BankTransaction {
  const providerId = seededHex(rand, 24);
  return {
    transactionId: seededHex(rand, 32),
    ...(withNormalisedId ? { normalisedId: seededHex(rand, 32) } : {}),
    providerId,
    timestamp: timestampFor(rand, date),
    description: tpl.description,
    pence: signedPence(kind, tpl.type, randomInt(rand, tpl.min, tpl.max)),
    type: tpl.type,
    category: tpl.category,
    classification: tpl.classification,
    ...(tpl.merchant && rand() < 0.7 ? { merchantName: tpl.merchant } : {}),
    meta: {
      provider_category: tpl.category === 'PURCHASE' ? 'POS' : 'OTHER',
      provider_reference: providerId.slice(0, 10),
    },
  };
}

type AccountShape = Pick<BankAccount, 'kind' | 'accountType' | 'displayName' | 'balance'>;

function makeAccount(gen: { rand: Random; username: string; opts: BankOptions; createdAt: Date }, shape: AccountShape) {
  const { rand, opts, createdAt } = gen;
  const templates =
    shape.accountType === 'TRANSACTION'
      ? CURRENT_TEMPLATES
      : shape.kind === 'card'
        ? CARD_TEMPLATES
        : SAVINGS_TEMPLATES;
  const id = seededHex(rand, 32);
  const dayBefore = (max: number) => isoDate(addDays(createdAt, -randomInt(rand, 0, max)));
  // Cards never carry the normalised id, so clients must fall back to provider_transaction_id.
  const settled = Array.from({ length: opts.transactionsPerAccount }, () =>
    makeTransaction(rand, shape.kind, pick(rand, templates), dayBefore(opts.historyDays - 1), shape.kind === 'account'),
  ).sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  const pending = Array.from({ length: opts.pendingPerAccount }, () =>
    makeTransaction(rand, shape.kind, pick(rand, templates), dayBefore(2), false),
  );
  const sortCode = String(randomInt(rand, 100000, 999999));
  const number = String(randomInt(rand, 10000000, 99999999));
  return { id, username: gen.username, ...shape, sortCode, number, settled, pending };
}

/** Each username gets its own statement history, reproducible from seed + username. */
export function generateUserAccounts(username: string, opts: BankOptions, createdAt: Date): BankAccount[] {
  const rand = seededRandom(opts.seed, username);
  const gen = { rand, username, opts, createdAt };
  const current = randomInt(rand, 50_000, 400_000);
  const savings = randomInt(rand, 100_000, 2_000_000);
  const owed = randomInt(rand, 10_000, 150_000);
  const shape =
    (kind: 'account' | 'card', accountType: BankAccount['accountType'], displayName: string) =>
    (current: number, available: number, overdraft: number): AccountShape => ({
      kind,
      accountType,
      displayName,
      balance: { current, available, overdraft },
    });
  return [
    shape('account', 'TRANSACTION', 'Current Account')(current, current + 100_000, 100_000),
    shape('account', 'SAVINGS', 'Easy Saver')(savings, savings, 0),
    shape('card', 'CARD', 'Mock Rewards Credit Card')(owed, 500_000 - owed, 0),
  ].map((s) => makeAccount(gen, s));
}
