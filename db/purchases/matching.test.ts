// The matching engine on its own: the best overall assignment where
// first-come goes wrong, grouped orders, rejected pairs, and which bank texts
// are Amazon or Apple charges.
import { describe, expect, it } from 'vitest';
import { assign, NO_EDGE } from './assignment.js';
import { chargeSource } from './charge-text.js';
import { proposeMatches, type MatchableCharge, type MatchablePurchase } from './matching.js';

const order = (id: number, date: string, pence: number): MatchablePurchase => ({
  id,
  source: 'amazon',
  kind: 'order',
  date,
  pence,
});
const charge = (id: number, date: string, pence: number): MatchableCharge => ({ id, source: 'amazon', date, pence });

describe('purchase matching', () => {
  it('pairs two same-amount orders with both charges where taking the nearest first would leave one unmatched', () => {
    // Order 1's nearest charge (101) is order 2's only one; order 1's own came three days early.
    const matches = proposeMatches(
      [order(1, '2025-03-04', 999), order(2, '2025-03-11', 999)],
      [charge(100, '2025-03-01', -999), charge(101, '2025-03-08', -999)],
    );
    expect(matches.map((m) => [m.purchaseIds, m.transactionId])).toEqual([
      [[1], 100],
      [[2], 101],
    ]);
  });

  it('matches orders of one day charged together, and refunds to money coming back', () => {
    const matches = proposeMatches(
      [
        order(1, '2025-05-02', 1250),
        order(2, '2025-05-02', 799),
        order(3, '2025-05-02', 5000),
        { ...order(4, '2025-05-20', 799), kind: 'refund' },
      ],
      [charge(10, '2025-05-03', -2049), charge(11, '2025-05-21', 799), charge(12, '2025-05-21', -799)],
    );
    expect(matches).toEqual([
      { transactionId: 10, purchaseIds: [1, 2], confidence: 75 },
      { transactionId: 11, purchaseIds: [4], confidence: 94 },
    ]);
  });

  it('never proposes a rejected pair, and leaves amounts a penny out alone', () => {
    const matches = proposeMatches(
      [order(1, '2025-01-10', 1000), order(2, '2025-01-10', 2000)],
      [charge(5, '2025-01-11', -1000), charge(6, '2025-01-11', -1999)],
      { rejected: (p, t) => p === 1 && t === 5 },
    );
    expect(matches).toEqual([]);
  });

  it('finds the assignment with the most pairs, then the least cost', () => {
    expect(
      assign([
        [1, 2, NO_EDGE],
        [1, NO_EDGE, NO_EDGE],
        [NO_EDGE, 5, 1],
      ]),
    ).toEqual([1, 0, 2]);
    expect(assign([[NO_EDGE], [3]])).toEqual([-1, 0]);
  });

  it('counts Apple bills paid with Apple Pay as Apple, card payments made with Apple Pay as neither', () => {
    expect(chargeSource('APPLE.COM/BILL APPLE PAY')).toBe('apple');
    expect(chargeSource('ITUNES.COM/BILL')).toBe('apple');
    expect(chargeSource('APPLE PAY TESCO STORES 3217')).toBeUndefined();
    expect(chargeSource('AMZN MKTP UK*2R4T61234')).toBe('amazon');
    expect(chargeSource('AMAZON.CO.UK*AB12CD')).toBe('amazon');
    expect(chargeSource('AMZ DIGITAL')).toBe('amazon');
    expect(chargeSource('SAINSBURYS S/MKT')).toBeUndefined();
  });
});
