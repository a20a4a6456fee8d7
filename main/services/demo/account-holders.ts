// The people behind the demo data: each has a current account that a salary
// is paid into and their rent or mortgage, utilities and subscriptions leave
// from, once a month. A salary is sized so the holder's spending (bills plus
// their share of the everyday rows) is most of it, as in a real account.
import type { Huququllah } from './everyday-merchants.js';

/** A payment that recurs on the same day every month (1–28, so every month has it). */
export interface Bill {
  /** The merchant. */
  name: string;
  description: string;
  category: string;
  pence: number;
  dayOfMonth: number;
  huququllah: Huququllah | null;
}

/** Rent and mortgage: the demo's one category beyond those every store starts with. */
export const HOUSING = 'Housing';

const EMPLOYERS = [
  'Acme Widgets Ltd',
  'NHS Business Services',
  'Tesco PLC',
  'HSBC UK Bank',
  'University of Leeds',
  'Bristol City Council',
  'Rolls-Royce PLC',
  'Sage Group',
  'John Lewis Partnership',
  'Arup Group',
] as const;
const LANDLORDS = ['Foxtons Lettings', 'OpenRent', 'Grainger PLC', 'Savills Lettings', 'Dexters', 'Hamptons'] as const;
const LENDERS = ['Nationwide BS', 'Halifax', 'Santander UK', 'Barclays', 'NatWest'] as const;
const ENERGY = ['British Gas', 'Octopus Energy', 'EDF Energy', 'E.ON Next', 'OVO Energy'] as const;
const WATER = ['Thames Water', 'Severn Trent', 'Anglian Water', 'United Utilities', 'Yorkshire Water'] as const;
const COUNCILS = ['LB Camden', 'LB Hackney', 'Manchester CC', 'Leeds CC', 'Bristol CC', 'Birmingham CC'] as const;
const BROADBAND = ['Virgin Media', 'BT', 'Sky', 'Plusnet', 'TalkTalk'] as const;
const MOBILE = ['Vodafone', 'EE', 'O2', 'Three', 'giffgaff'] as const;
const SUBSCRIPTIONS = [
  { name: 'TV Licence MBP', pence: -1_425, share: 0.6, category: 'Utilities', huququllah: 'essential' },
  { name: 'Netflix.com', pence: -1_099, share: 0.6, category: 'Entertainment', huququllah: 'discretionary' },
  { name: 'Spotify UK', pence: -1_199, share: 0.5, category: 'Entertainment', huququllah: 'discretionary' },
  { name: 'Disney Plus', pence: -799, share: 0.25, category: 'Entertainment', huququllah: 'discretionary' },
  { name: 'PureGym', pence: -2_499, share: 0.3, category: 'Health', huququllah: 'discretionary' },
] as const;

/** Payments a holder's account sees each month, on average: salary, housing, five utilities, subscriptions. */
export const BILLS_PER_HOLDER_MONTH = 1 + 1 + 5 + SUBSCRIPTIONS.reduce((n, s) => n + s.share, 0);

const directDebit = (name: string) => `DIRECT DEBIT PAYMENT TO ${name.toUpperCase()}`;

/**
 * One list of monthly bills (salary included) per holder. `everydayPencePerMonth`
 * is what all holders together spend in everyday rows a month (negative).
 */
export function accountHolders(people: number, everydayPencePerMonth: number, random: () => number): Bill[][] {
  const pick = <T>(list: readonly [T, ...T[]]): T => list[Math.floor(random() * list.length)] ?? list[0];
  const between = (low: number, high: number) => Math.round(low + random() * (high - low));
  const day = () => 1 + Math.floor(random() * 28);
  const bill = (
    name: string,
    category: string,
    pence: number,
    huququllah: Huququllah | null = 'essential',
    description = directDebit(name),
  ): Bill => ({ name, description, category, pence, dayOfMonth: day(), huququllah });

  // People spend unevenly; a weight per holder shares the everyday spending out.
  const weights = Array.from({ length: people }, () => 0.6 + random() * 0.8);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  return weights.map((weight) => {
    const landlord = pick(LANDLORDS);
    const housing =
      random() < 0.6
        ? bill(
            landlord,
            HOUSING,
            -between(75_000, 175_000),
            'essential',
            `STANDING ORDER TO ${landlord.toUpperCase()} REF RENT`,
          )
        : bill(`${pick(LENDERS)} Mortgage`, HOUSING, -between(60_000, 150_000));
    const bills: Bill[] = [
      housing,
      bill(pick(ENERGY), 'Utilities', -between(6_000, 16_000)),
      bill(pick(WATER), 'Utilities', -between(2_800, 5_500)),
      bill(`Council Tax ${pick(COUNCILS)}`, 'Utilities', -between(11_000, 24_000)),
      bill(pick(BROADBAND), 'Utilities', -between(2_500, 6_500)),
      bill(pick(MOBILE), 'Utilities', -between(800, 4_500)),
      ...SUBSCRIPTIONS.filter((s) => random() < s.share).map((s) => bill(s.name, s.category, s.pence, s.huququllah)),
    ];
    const spending = bills.reduce((sum, b) => sum + b.pence, 0) + (everydayPencePerMonth * weight) / totalWeight;
    // Most of the salary goes out again; what stays is savings.
    const spentShare = 0.8 + random() * 0.15;
    const employer = pick(EMPLOYERS);
    const salary: Bill = {
      name: employer,
      description: `BANK GIRO CREDIT REF ${employer.toUpperCase()}, SALARY`,
      category: 'Income',
      pence: Math.round(-spending / spentShare),
      dayOfMonth: 24 + Math.floor(random() * 5),
      huququllah: null,
    };
    return [salary, ...bills];
  });
}
