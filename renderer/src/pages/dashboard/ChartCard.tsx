// A dashboard card whose chart can be swapped for a table of the same figures:
// a chart's heights are approximate and hard to reach by keyboard or screen
// reader, the table gives every figure exactly.
import { useState, type ReactNode } from 'react';

interface Props {
  id: string;
  title: string;
  /** The figures as a table; none while there is nothing to show, and then no toggle either. */
  table?: ReactNode;
  children: ReactNode;
}

export function ChartCard({ id, title, table, children }: Props) {
  const [asTable, setAsTable] = useState(false);
  return (
    <section className="card chart-card" aria-labelledby={id}>
      <div className="chart-card__head">
        <h2 id={id}>{title}</h2>
        {table && (
          <button
            type="button"
            className="button button--small"
            aria-pressed={asTable}
            onClick={() => setAsTable((shown) => !shown)}
          >
            Show as table
          </button>
        )}
      </div>
      {table && asTable ? <div className="report-table-scroll">{table}</div> : children}
    </section>
  );
}
