// Income and spending as bars for each month of the period, with the net (what
// was left, or overspent) as a line. Heights are drawn in pounds (a float is
// fine for a height); every figure told is formatted from pence.
import { format, parseISO } from 'date-fns';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatPence } from '../../../../db/money.js';
import type { MonthCashFlow } from '../../../../db/reports/report-model.js';
import { formatMonth } from '../../format';

const wholePounds = new Intl.NumberFormat('en-GB', {
  style: 'currency',
  currency: 'GBP',
  notation: 'compact',
  maximumFractionDigits: 1,
});

const SERIES = { income: 'Income', spend: 'Spending', net: 'Net' } as const;
type SeriesKey = keyof typeof SERIES;

interface Point {
  month: string;
  income: number;
  spend: number;
  net: number;
  pence: MonthCashFlow;
}

const penceOf = (point: Point, key: SeriesKey) =>
  key === 'income' ? point.pence.incomePence : key === 'spend' ? point.pence.spendPence : point.pence.netPence;

export function CashFlowChart({ months }: { months: readonly MonthCashFlow[] }) {
  if (months.every((m) => m.incomePence === 0 && m.spendPence === 0))
    return <p className="empty-state">No transactions in this period.</p>;
  const points: Point[] = months.map((m) => ({
    month: m.month,
    income: m.incomePence / 100,
    spend: m.spendPence / 100,
    net: m.netPence / 100,
    pence: m,
  }));
  // Each year's first month (and the period's) carries its year, so a long period reads without a year on every tick.
  const tick = (month: string) =>
    format(parseISO(`${month}-01`), month.endsWith('-01') || month === months[0]?.month ? 'MMM yy' : 'MMM');
  return (
    <div
      className="cash-flow"
      role="img"
      aria-label="Income, spending and net by month; Show as table gives the figures."
    >
      <div className="cash-flow__plot" aria-hidden>
        <ResponsiveContainer width="100%" height={240}>
          <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid className="cash-flow__grid" strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="month" tickFormatter={tick} minTickGap={8} interval="preserveStartEnd" />
            <YAxis width={64} tickFormatter={(pounds: number) => wholePounds.format(pounds)} />
            <ReferenceLine y={0} className="cash-flow__zero" />
            <Tooltip
              labelFormatter={(month) => (typeof month === 'string' ? formatMonth(month) : '')}
              formatter={(_value, name, item: { dataKey?: unknown; payload?: Point }) => [
                item.payload && typeof item.dataKey === 'string' && item.dataKey in SERIES
                  ? formatPence(penceOf(item.payload, item.dataKey as SeriesKey))
                  : '',
                name,
              ]}
            />
            <Legend />
            <Bar dataKey="income" name={SERIES.income} fill="var(--color-bar-income)" isAnimationActive={false} />
            <Bar dataKey="spend" name={SERIES.spend} fill="var(--color-bar-spend)" isAnimationActive={false} />
            <Line
              dataKey="net"
              name={SERIES.net}
              type="monotone"
              stroke="var(--color-accent)"
              strokeWidth={2}
              dot={{ r: 3 }}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
