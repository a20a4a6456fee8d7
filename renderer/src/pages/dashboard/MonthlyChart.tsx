import { format, parseISO } from 'date-fns';
import { useLayoutEffect, useRef, useState } from 'react';
import { formatPence } from '../../../../db/money.js';
import type { MonthStat } from '../../../../db/model.js';
import { formatMonth } from '../../format';

/** Which way the plot can still scroll: months hidden before or after those in view. */
interface Hidden {
  earlier: boolean;
  later: boolean;
}

/** Income and spending side by side for each month, scaled to the busiest month. */
export function MonthlyChart({ months }: { months: readonly MonthStat[] }) {
  const plotRef = useRef<HTMLUListElement>(null);
  const [hidden, setHidden] = useState<Hidden>({ earlier: false, later: false });
  const measure = () => {
    const plot = plotRef.current;
    if (!plot) return;
    const next = { earlier: plot.scrollLeft > 0, later: plot.scrollLeft + plot.clientWidth < plot.scrollWidth - 1 };
    setHidden((current) => (current.earlier === next.earlier && current.later === next.later ? current : next));
  };
  // The latest months are the ones people look at: when the period has more than fit, the
  // plot opens at its end, before it is painted. Setting scrollLeft fires a scroll event,
  // whose handler shows the cue.
  useLayoutEffect(() => {
    const plot = plotRef.current;
    if (plot) plot.scrollLeft = plot.scrollWidth;
  }, [months]);

  const largest = Math.max(1, ...months.flatMap((m) => [m.incomePence, -m.spendPence]));
  if (months.every((m) => m.count === 0)) return <p className="empty-state">No transactions in this period.</p>;
  const height = (pence: number) => `${(Math.abs(pence) / largest) * 100}%`;
  const scroll = (direction: -1 | 1) => {
    const plot = plotRef.current;
    plot?.scrollBy({ left: direction * plot.clientWidth * 0.8, behavior: 'smooth' });
  };
  return (
    <div className="vbars">
      <div className="vbars__legend">
        <span className="legend legend--income" aria-hidden>
          Income
        </span>
        <span className="legend legend--spend" aria-hidden>
          Spending
        </span>
        <span className="vbars__more">
          {hidden.earlier && (
            <button type="button" className="button button--small" onClick={() => scroll(-1)}>
              ← Earlier months
            </button>
          )}
          {hidden.later && (
            <button type="button" className="button button--small" onClick={() => scroll(1)}>
              Later months →
            </button>
          )}
        </span>
      </div>
      <ul
        ref={plotRef}
        className="vbars__plot"
        data-earlier={hidden.earlier || undefined}
        data-later={hidden.later || undefined}
        aria-label="Income and spending by month"
        onScroll={measure}
      >
        {months.map((m) => {
          const summary = `${formatMonth(m.month)}: income ${formatPence(m.incomePence)}, spending ${formatPence(Math.abs(m.spendPence))}`;
          return (
            <li key={m.month} className="vbars__month" aria-label={summary} title={summary}>
              <span className="vbars__bars" aria-hidden>
                <span className="vbars__bar vbars__bar--income" style={{ height: height(m.incomePence) }} />
                <span className="vbars__bar vbars__bar--spend" style={{ height: height(m.spendPence) }} />
              </span>
              <span className="vbars__label" aria-hidden>
                {format(parseISO(`${m.month}-01`), 'MMM')}
                <span className="vbars__year">{format(parseISO(`${m.month}-01`), 'yy')}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
