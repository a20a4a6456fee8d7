// The old app's values, one kind at a time: taken as they are, read with a
// recorded fix, or refused (quarantined when required, emptied with a fix when not).
import { describe, expect, it } from 'vitest';
import { UnstorableText } from './exact-values.js';
import {
  legacyBoolean,
  legacyId,
  legacyInteger,
  legacyMoney,
  legacyReal,
  legacyText,
  type Judged,
} from './legacy-values.js';

/** A judgement as one line: the value kept and its fix, or why it was refused. */
const told = (judged: Judged<unknown>): string =>
  judged.ok ? `${JSON.stringify(judged.value)}${judged.fix ? ` | ${judged.fix}` : ''}` : `refused | ${judged.reason}`;

describe('legacy values', () => {
  it('money: exact pence from REALs and from text, never through a float', () => {
    expect(told(legacyMoney(-12.5))).toBe('-1250');
    expect(told(legacyMoney(0.1 + 0.2))).toMatch(/^30 \| float artefact/);
    expect(told(legacyMoney('-7.50'))).toBe('-750');
    expect(told(legacyMoney('1e2'))).toMatch(/^10000 \| .*exponent/);
    expect(told(legacyMoney(' 12.5 '))).toMatch(/^1250 \| .*spaces/);
    // Half away from zero on the exact decimal: Number('1.005') * 100 is 100.49999999999999.
    expect(told(legacyMoney('1.005'))).toBe('101 | sub-penny digits; rounded to the penny');
    expect(told(legacyMoney('-1.005'))).toMatch(/^-101 \| /);
    for (const text of ['0x10', 'nan', 'Infinity', '', '£5', '1,000.00', '0b11'])
      expect(told(legacyMoney(text)), text).toMatch(/^refused \| .*is not a number/);
    expect(told(legacyMoney('10000000000.00'))).toMatch(/^refused \| .*out of range/);
    expect(told(legacyMoney(9007199254740993n))).toMatch(/^refused \| .*out of range/);
    expect(told(legacyMoney('abc', false))).toMatch(/^null \| .*left empty/);
  });

  it('whole numbers: as they are, read from text with a fix, or refused', () => {
    expect(told(legacyInteger(3, false, 'n'))).toBe('3');
    expect(told(legacyInteger('42', false, 'n'))).toBe('42');
    expect(told(legacyInteger('1e2', false, 'n'))).toMatch(/^100 \| /);
    expect(told(legacyInteger('many', false, 'n'))).toBe('null | n "many" is not a whole number; left empty');
    expect(told(legacyInteger('high', true, 'confidence'))).toBe('refused | confidence "high" is not a whole number');
    expect(told(legacyInteger(2.5, true, 'n'))).toMatch(/^refused/);
    expect(told(legacyInteger(9007199254740993n, true, 'n'))).toBe('refused | n 9007199254740993 is out of range');
    expect(told(legacyReal('abc', true, 'match_confidence'))).toMatch(/^refused/);
    expect(told(legacyReal('0.875', true, 'c'))).toBe('0.875');
    expect(told(legacyReal(' .5', true, 'c'))).toMatch(/^0.5 \| /);
  });

  it('ids: positive whole numbers a store holds, never rounded', () => {
    expect(told(legacyId(7))).toBe('7');
    expect(told(legacyId('12'))).toBe('12');
    expect(told(legacyId('abc'))).toBe('refused | id "abc" is not a whole number');
    expect(told(legacyId(0))).toMatch(/^refused/);
    expect(told(legacyId(9007199254740993n))).toMatch(/^refused \| id 9007199254740993 is beyond/);
  });

  it('yes or no', () => {
    expect(told(legacyBoolean(1, false, 'b'))).toBe('1');
    expect(told(legacyBoolean(false, false, 'b'))).toBe('0');
    expect(told(legacyBoolean('True', false, 'b'))).toMatch(/^1 \| /);
    expect(told(legacyBoolean('maybe', false, 'b'))).toBe('null | b "maybe" is not yes or no; left empty');
    expect(told(legacyBoolean(2, true, 'b'))).toMatch(/^refused/);
  });

  it('text: kept; bytes that text cannot hold are replaced, and the fix says so', () => {
    expect(told(legacyText('Café \uFFFD'))).toBe('"Café \uFFFD"');
    expect(told(legacyText(new UnstorableText(Buffer.from('48FF00', 'hex'))))).toMatch(/^"H\uFFFD\uFFFD" \| .*U\+FFFD/);
    expect(told(legacyText(Buffer.from('Café')))).toMatch(/^"Café" \| .*BLOB/);
    expect(told(legacyText(40004))).toMatch(/^"40004" \| .*number/);
  });
});
