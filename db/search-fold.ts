// What "matches" means for text search, on both dialects: the search term and
// the searched text are folded here, in TypeScript, and compared as exact
// substrings. Neither database's lower(), ILIKE or collation takes part, so
// the answer cannot depend on a server's locale (the embedded server runs
// with LC_CTYPE=C, where lower() only knows ASCII).
//
// The fold:
// - NFKC first, so compatibility forms count as their plain letters
//   (fullwidth ｔｅｓｃｏ is tesco, the Kelvin sign K is K, ﬁ is fi) and NFC
//   and NFD spellings (café and cafe + U+0301) are the same text.
// - Full Unicode case folding (CaseFolding.txt, statuses C and F, the
//   non-Turkic default): ß and ẞ are ss, final ς and Σ are σ, ǰ, ŉ and the
//   Greek iota forms expand as Unicode says. Built from the engine's own
//   full case mappings: each character on its own (no Final_Sigma context),
//   lower → upper → lower, which puts every character in the same class as
//   CaseFolding's C+F mappings do, except those listed next (checked against
//   Python's str.casefold() over all characters of Unicode 14).
// - One deliberate departure: the dotted capital İ and the dotless ı fold to
//   a plain i (Unicode gives i + U+0307 and leaves ı alone), so İstanbul,
//   ISTANBUL, istanbul and ıstanbul find each other. A U+0307 written after
//   an i is dropped for the same reason.
// - NFKC again, so what case folding decomposed is composed the same way in
//   the term and the text.
// Accents and other marks count: café does not find cafe. Nothing else is
// removed or mapped (spaces, punctuation, emoji and their joiners stay).
// The fold is idempotent, so folding folded text changes nothing. It uses the
// runtime's Unicode data: a character assigned after that version is left as
// it is, and folds once a newer runtime refolds (a migration's REFOLD_NOTE).

const ASCII = /^[\0-\x7f]*$/;
const DOT_AFTER_I = /i\u0307+/g;
const TURKIC_I = /[\u0130\u0131]/g;

const folded = new Map<string, string>();

function foldCharacter(c: string): string {
  let f = folded.get(c);
  if (f === undefined) {
    f = c.toLowerCase().toUpperCase().toLowerCase();
    folded.set(c, f);
  }
  return f;
}

/** The form of `text` that search compares: see the rules above. */
export function foldForSearch(text: string): string {
  // NFKC leaves ASCII alone and its case folding is toLowerCase: most bank text stops here.
  if (ASCII.test(text)) return text.toLowerCase();
  let out = '';
  for (const c of text.normalize('NFKC').replace(TURKIC_I, 'i')) out += foldCharacter(c);
  return out.normalize('NFD').replace(DOT_AFTER_I, 'i').normalize('NFKC');
}

/** A nullable column's folded form. */
export function foldNullable(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : foldForSearch(text);
}
