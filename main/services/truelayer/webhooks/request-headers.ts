// HTTP header names are case-insensitive, and relays change their case (Node lowercases them).

export type HeaderLookup = (name: string) => string | undefined;

export class AmbiguousHeader extends Error {}

export function headerLookup(headers: Record<string, string | undefined>): HeaderLookup {
  const byName = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    const seen = byName.get(key);
    if (seen !== undefined && seen !== value) ambiguous.add(key);
    byName.set(key, value);
  }
  return (name) => {
    const key = name.toLowerCase();
    // Two spellings with different values: we cannot know which one was signed.
    if (ambiguous.has(key)) throw new AmbiguousHeader();
    return byName.get(key);
  };
}
