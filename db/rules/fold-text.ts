// How rules (and rule suggestions) compare text: Unicode-aware, ignoring case, with composed and decomposed
// accents alike. Matching runs in JavaScript for both dialects, so SQLite and PostgreSQL agree by construction.
// The text search may grow its own folding in db/sql/; the two should become one function.

// eslint-disable-next-line no-control-regex -- every ASCII unit, control characters included, needs no folding
const ASCII = /^[\x00-\x7f]*$/;

/** The form rule text is compared in: NFC, lower case. */
export function foldText(text: string): string {
  return (ASCII.test(text) ? text : text.normalize('NFC')).toLowerCase();
}

/** NFC only, for matching code that folds case itself (character by character, see aho-corasick.ts). */
export function composed(text: string): string {
  return ASCII.test(text) ? text : text.normalize('NFC');
}

const WORD = /[\p{L}\p{N}]/u;

/** Whether the UTF-16 unit at `index` is part of a word (letters and digits of any script). */
export function isWordChar(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const code = text.charCodeAt(index);
  if (code < 0x80) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  // A surrogate half: look at the whole code point.
  const start = code >= 0xdc00 && code <= 0xdfff && index > 0 ? index - 1 : index;
  return WORD.test(String.fromCodePoint(text.codePointAt(start) ?? code));
}
