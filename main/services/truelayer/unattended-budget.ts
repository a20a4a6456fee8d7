// Banks limit calls made while the user is away to about four per account per
// day. We count per account and endpoint over a rolling 24 hours, so the
// default six-hourly background sync can make each of its calls four times a
// day; a sync that would exceed it skips that call. Counts live in
// connection_logs so restarting the app does not reset them.
import type { BankStore } from '../../../db/bank/bank-store.js';

export const UNATTENDED_CALLS_PER_DAY = 4;
const DAY_MS = 86_400_000;

export class UnattendedBudget {
  private readonly used = new Map<string, number>();
  private readonly taken: { accountId: number; feature: string }[] = [];

  private constructor() {}

  static async load(bank: BankStore, connectionId: number, now = new Date()): Promise<UnattendedBudget> {
    const budget = new UnattendedBudget();
    for (const entry of await bank.listLogs(connectionId, 1_000)) {
      if (entry.eventType !== 'unattended_call' || now.getTime() - Date.parse(entry.at) >= DAY_MS) continue;
      const d = entry.details as { accountId?: number; feature?: string } | null;
      if (d?.accountId !== undefined && d.feature) budget.count(d.accountId, d.feature);
    }
    return budget;
  }

  private count(accountId: number, feature: string): number {
    const key = `${accountId}:${feature}`;
    const n = (this.used.get(key) ?? 0) + 1;
    this.used.set(key, n);
    return n;
  }

  /** True (and counted) when the call fits today's allowance. */
  take(accountId: number, feature: string): boolean {
    const key = `${accountId}:${feature}`;
    if ((this.used.get(key) ?? 0) >= UNATTENDED_CALLS_PER_DAY) return false;
    this.count(accountId, feature);
    this.taken.push({ accountId, feature });
    return true;
  }

  async record(bank: BankStore, connectionId: number): Promise<void> {
    for (const call of this.taken.splice(0)) await bank.log(connectionId, 'unattended_call', call);
  }
}
