// Column headers compared the way people read them: case, spaces, punctuation
// and a currency marker do not matter ("Money Out ", "money out", "Amount (£)").

export function headerKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .replace(/gbp$/, '');
}

/** The column of the first alias (in the aliases' order of preference) present among the keys, or -1. */
export function findColumn(keys: readonly string[], aliases: readonly string[]): number {
  for (const alias of aliases) {
    const at = keys.indexOf(headerKey(alias));
    if (at >= 0) return at;
  }
  return -1;
}
