// The tables and sections of the move's and the import's reports: one look
// for every list they show.
import type { ReactNode } from 'react';

export interface Column {
  heading: ReactNode;
  /** A number column, right-aligned. */
  amount?: boolean;
}

interface TableProps {
  /** The table's accessible name, when it has no caption. */
  label?: string;
  caption?: ReactNode;
  columns: (Column | string)[];
  children: ReactNode;
}

export function ReportTable({ label, caption, columns, children }: TableProps) {
  return (
    <div className="move-table-wrap">
      <table className="table move-table" aria-label={label}>
        {caption !== undefined && <caption className="move-table__caption">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column, index) => {
              const { heading, amount } = typeof column === 'string' ? { heading: column, amount: false } : column;
              return (
                <th key={index} scope="col" className={amount ? 'amount' : undefined}>
                  {heading}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A titled part of a report, named by its heading. */
export function ReportSection({ id, title, children }: { id: string; title: ReactNode; children: ReactNode }) {
  return (
    <section className="move-issues" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}
