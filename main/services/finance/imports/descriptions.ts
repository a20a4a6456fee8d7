// One description from a payee and a memo (OFX NAME/MEMO, QIF P/M). Banks put
// the merchant in one and the place or reference in the other, and rules and
// search need both; the separate fields stay in the row's raw cells.

/** "TESCO STORES 3297" + "LONDON GB" -> "TESCO STORES 3297 LONDON GB"; a memo already in the name is not repeated. */
export function joinNameAndMemo(name: string | undefined, memo: string | undefined): string {
  const n = name?.trim() ?? '';
  const m = memo?.trim() ?? '';
  if (!m || n.includes(m)) return n;
  if (!n || m.includes(n)) return m;
  return `${n} ${m}`;
}
