import { describe, expect, it } from 'vitest';
import { foldForSearch } from './search-fold.js';

describe('foldForSearch', () => {
  it.each([
    ['TESCO Stores', 'tesco stores'],
    ['ＴＥＳＣＯ', 'tesco'],
    ['\u212A', 'k'],
    ['Cafe\u0301', 'café'],
    ['CAFÉ', 'café'],
    ['Straße', 'strasse'],
    ['STRAẞE', 'strasse'],
    ['ΟΔΟΣ', 'οδοσ'],
    ['οδος', 'οδοσ'],
    ['İstanbul', 'istanbul'],
    ['I\u0307STANBUL', 'istanbul'],
    ['ıstanbul', 'istanbul'],
    ['ﬁsh', 'fish'],
    ['ǰ', 'ǰ'],
    ['ŉ', 'ʼn'],
    ['ᾳ', 'αι'],
    ['ꭰ', foldForSearch('Ꭰ')],
    ['µ', 'μ'],
    ['\u212B', 'å'],
    ['👨‍👩‍👧 100%_\\', '👨‍👩‍👧 100%_\\'],
  ])('folds %j to %j', (text, folded) => {
    expect(foldForSearch(text)).toBe(folded);
  });

  it('keeps accents: café is not cafe', () => {
    expect(foldForSearch('café')).not.toBe(foldForSearch('cafe'));
  });

  // The BMP and the astral blocks with case or compatibility forms (Deseret, Osage,
  // mathematical letters, Adlam, enclosed letters).
  const RANGES = [
    [0, 0xffff],
    [0x10400, 0x104ff],
    [0x1d400, 0x1d7ff],
    [0x1e900, 0x1e95f],
    [0x1f100, 0x1f1ff],
  ] as const;
  it('is idempotent', () => {
    for (const [from, to] of RANGES)
      for (let cp = from; cp <= to; cp++) {
        if (cp >= 0xd800 && cp <= 0xdfff) continue;
        const folded = foldForSearch(String.fromCodePoint(cp));
        if (foldForSearch(folded) !== folded) expect(cp.toString(16)).toBe('idempotent');
      }
  });
});
