// An account's balance at each sync, as a small line chart. Money is drawn in
// pounds (a float is fine for a line's height) but always told from pence.
import { format, parseISO } from 'date-fns';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatPence } from '../../../../../db/money.js';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { plural } from '../../../format';
import { useBalanceHistory } from './bank-queries';
import { formatDateTime } from './format';

const wholePounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });

/** Axis ticks: "£1,236" where the tick is whole, pence only where the range is narrow enough to need them. */
function tickLabel(pounds: number): string {
  return Number.isInteger(pounds) ? wholePounds.format(pounds) : formatPence(Math.round(pounds * 100));
}

interface Point {
  at: string;
  pence: number;
  pounds: number;
}

export function BalanceHistory({ accountId, panelId }: { accountId: number; panelId: string }) {
  const history = useBalanceHistory(accountId);
  if (history.isPending)
    return (
      <p id={panelId} className="db-muted">
        Loading balances…
      </p>
    );
  if (history.isError)
    return (
      <div id={panelId}>
        <ErrorMessage error={history.error} title="Could not load the balances." />
      </div>
    );
  const points: Point[] = history.data.flatMap(({ at, currentPence }) =>
    currentPence === null ? [] : [{ at, pence: currentPence, pounds: currentPence / 100 }],
  );
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last)
    return (
      <p id={panelId} className="db-muted">
        No balances recorded yet.
      </p>
    );
  // Readings within one day differ by their time, not their date.
  const tickFormat = first.at.slice(0, 10) === last.at.slice(0, 10) ? 'HH:mm' : 'd MMM';
  return (
    <figure id={panelId} className="balance-chart">
      <div className="balance-chart__plot" aria-hidden>
        <ResponsiveContainer width="100%" height={160}>
          <LineChart data={points} margin={{ top: 8, right: 28, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid className="balance-chart__grid" strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="at" tickFormatter={(at: string) => format(parseISO(at), tickFormat)} minTickGap={24} />
            <YAxis width={80} domain={['auto', 'auto']} tickFormatter={tickLabel} />
            <Tooltip
              labelFormatter={(at) => (typeof at === 'string' ? formatDateTime(at) : '')}
              formatter={(_value, _name, item: { payload?: Point }) => [
                item.payload ? formatPence(item.payload.pence) : '',
                'Balance',
              ]}
            />
            <Line
              type="monotone"
              dataKey="pounds"
              stroke="currentColor"
              strokeWidth={2}
              dot={{ r: 3 }}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="db-muted">
        {points.length === 1
          ? `${formatPence(first.pence)} on ${formatDateTime(first.at)}; more points appear with each sync.`
          : `From ${formatPence(first.pence)} on ${formatDateTime(first.at)} to ${formatPence(last.pence)} on ${formatDateTime(last.at)}, ${plural(points.length, 'reading')}.`}
      </figcaption>
    </figure>
  );
}
