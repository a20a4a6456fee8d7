// The ledger's sign convention: money out negative, money in positive. Card
// purchases arrive POSITIVE with transaction_type DEBIT, so the type decides,
// never the bank's sign.
export function ledgerPence(transactionType: string | null, amountPence: number): number {
  const magnitude = Math.abs(amountPence);
  if (transactionType === 'CREDIT') return magnitude;
  if (transactionType === 'DEBIT') return magnitude === 0 ? 0 : -magnitude;
  return amountPence;
}
