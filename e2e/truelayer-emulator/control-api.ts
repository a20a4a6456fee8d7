import { sendJson } from './http.js';
import type { Ctx } from './serve.js';
import { connectionInfo } from './state.js';
import type {
  BankControl,
  ClockAdvance,
  EmulatorClient,
  Fault,
  FaultMatch,
  NewTransaction,
  TransactionMatch,
} from './types.js';

/** JSON cannot carry a RegExp, so the control API takes `match.pathPattern` (a RegExp source) instead. */
type FaultJson = Fault & { match?: FaultMatch & { pathPattern?: string } };

interface BankOpBody {
  accountId: string;
  tx: NewTransaction;
  pendingTransactionId: string;
  match: TransactionMatch;
  description: string;
  balance: { current: number; available?: number; overdraft?: number };
  item: Record<string, unknown>;
}

const BANK_OPS: Record<string, (bank: BankControl, b: BankOpBody) => unknown> = {
  addTransaction: (bank, b) => bank.addTransaction(b.accountId, b.tx),
  addPending: (bank, b) => bank.addPending(b.accountId, b.tx),
  settlePending: (bank, b) => bank.settlePending(b.accountId, b.pendingTransactionId),
  editDescription: (bank, b) => bank.editDescription(b.accountId, b.match, b.description),
  rehashTransactionIds: (bank) => bank.rehashTransactionIds(),
  setBalance: (bank, b) => bank.setBalance(b.accountId, b.balance),
  addVerbatimTransaction: (bank, b) => bank.addVerbatimTransaction(b.accountId, b.item),
};

function faultFromJson(json: FaultJson): Fault {
  const { pathPattern, ...match } = json.match ?? {};
  return { ...json, match: pathPattern === undefined ? match : { ...match, path: new RegExp(pathPattern) } };
}

function answer(ctx: Ctx, op: string, body: unknown): unknown {
  const { state } = ctx;
  const now = () => ({ now: state.clock.now().toISOString() });
  switch (op) {
    case 'GET /clock':
      return now();
    case 'POST /clock/advance':
      state.clock.advance(body as ClockAdvance);
      return now();
    case 'POST /clock/set':
      state.clock.set(new Date((body as { now: string }).now));
      return now();
    case 'POST /faults':
      state.faults.add(faultFromJson(body as FaultJson));
      return {};
    case 'DELETE /faults':
      state.faults.clear();
      return {};
    case 'GET /requests':
      return state.log.list();
    case 'DELETE /requests':
      state.log.clear();
      return {};
    case 'GET /connections':
      return [...state.connections.values()].map(connectionInfo);
    case 'POST /clients': {
      const client = body as EmulatorClient;
      state.clients.set(client.clientId, client);
      return {};
    }
    case 'GET /bank/accounts':
      return state.bank.accounts(ctx.url.searchParams.get('username') ?? undefined);
  }
  const bankOp = op.startsWith('POST /bank/') ? BANK_OPS[op.slice('POST /bank/'.length)] : undefined;
  if (!bankOp) throw new Error(`Unknown control operation ${op}`);
  return bankOp(state.bank, body as BankOpBody) ?? {};
}

/** /__control/*: test and curl hooks; JSON in, JSON out, 400 with the message when an operation throws. */
export function controlRoute(ctx: Ctx): void {
  try {
    const body: unknown = ctx.body ? JSON.parse(ctx.body) : {};
    sendJson(ctx.res, 200, answer(ctx, `${ctx.method} ${ctx.url.pathname.slice('/__control'.length)}`, body));
  } catch (error) {
    sendJson(ctx.res, 400, { error: 'control_error', error_description: (error as Error).message });
  }
}
