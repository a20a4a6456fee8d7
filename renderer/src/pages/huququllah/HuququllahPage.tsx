import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { formatPence } from '../../../../db/money.js';
import { call } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { keys, refreshTransactionData } from '../../queries';
import { HUQUQULLAH_LABELS } from './labels';
import './huququllah.css';

type HuququllahClass = 'essential' | 'discretionary';
const KEYS: Record<string, HuququllahClass> = { e: 'essential', d: 'discretionary' };

/** Essential, discretionary, due (19 % of discretionary) and the expenses not yet classed, classed with one key. */
export function HuququllahPage() {
  const client = useQueryClient();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const period = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const summary = useQuery({
    queryKey: keys.huququllahSummary(period),
    queryFn: () => call('huququllahSummary', period),
  });
  const unclassified = useQuery({
    queryKey: keys.huququllahUnclassified(period),
    queryFn: () => call('huququllahUnclassified', period),
  });
  const classify = useMutation({
    mutationFn: (input: { id: number; value: HuququllahClass }) => call('setHuququllah', input),
    onSuccess: () => refreshTransactionData(client),
  });
  // After a row is classed it leaves the list: the row now in its place takes the focus, so keys keep flowing.
  const focusAt = useRef<number | null>(null);
  const rows = useRef<(HTMLLIElement | null)[]>([]);
  useEffect(() => {
    if (focusAt.current === null || !unclassified.data) return;
    const last = unclassified.data.length - 1;
    rows.current[Math.min(focusAt.current, last)]?.focus();
    focusAt.current = null;
  }, [unclassified.data]);

  const classRow = (id: number, index: number, value: HuququllahClass) => {
    focusAt.current = index;
    classify.mutate({ id, value });
  };
  const onKey = (event: KeyboardEvent, id: number, index: number) => {
    const value = KEYS[event.key.toLowerCase()];
    if (value && !classify.isPending) {
      event.preventDefault();
      classRow(id, index, value);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      rows.current[index + (event.key === 'ArrowDown' ? 1 : -1)]?.focus();
    }
  };

  const s = summary.data;
  const spent = s ? s.essentialPence + s.discretionaryPence : 0;
  return (
    <section className="page" aria-labelledby="huququllah-title">
      <div className="page__header">
        <h1 id="huququllah-title">Huququllah</h1>
      </div>
      <p className="page__intro">
        Expenses are classed essential or discretionary; what is due is 19 % of the discretionary total, to the penny.
        Income is never classed. In the list, press E for essential or D for discretionary; arrows move between rows.
      </p>
      <div className="huququllah-period">
        <label>
          From <input className="input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To <input className="input" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      {summary.isError ? (
        <ErrorMessage error={summary.error} title="Could not add up the period." />
      ) : (
        <dl className="huququllah-totals" aria-label="Huququllah totals">
          <div>
            <dt>Essential</dt>
            <dd>{s ? formatPence(s.essentialPence) : '…'}</dd>
          </div>
          <div>
            <dt>Discretionary</dt>
            <dd>{s ? formatPence(s.discretionaryPence) : '…'}</dd>
          </div>
          <div>
            <dt>Due (19 %)</dt>
            <dd>{s ? formatPence(s.duePence) : '…'}</dd>
          </div>
          <div>
            <dt>Unclassified</dt>
            <dd>{s ? s.unclassified.toLocaleString('en-GB') : '…'}</dd>
          </div>
        </dl>
      )}
      {s && spent > 0 && (
        <div
          className="huququllah-split"
          role="img"
          aria-label={`Essential ${formatPence(s.essentialPence)}, discretionary ${formatPence(s.discretionaryPence)}`}
        >
          <span className="huququllah-split__essential" style={{ flexGrow: s.essentialPence }} />
          <span className="huququllah-split__discretionary" style={{ flexGrow: s.discretionaryPence }} />
        </div>
      )}
      {classify.isError && <ErrorMessage error={classify.error} title="Could not class that expense." />}
      <h2>Not yet classed</h2>
      {unclassified.isPending ? (
        <p className="empty-state">Loading…</p>
      ) : unclassified.isError ? (
        <ErrorMessage error={unclassified.error} title="Could not load the expenses." />
      ) : unclassified.data.length === 0 ? (
        <p className="empty-state">Every expense in this period is classed.</p>
      ) : (
        <ul className="huququllah-list" aria-label="Expenses not yet classed">
          {unclassified.data.map((row, index) => (
            <li
              key={row.id}
              ref={(el) => {
                rows.current[index] = el;
              }}
              tabIndex={0}
              className="huququllah-list__row"
              aria-label={`${row.date} ${row.description} ${formatPence(row.amountPence)}`}
              onKeyDown={(event) => onKey(event, row.id, index)}
            >
              <span className="huququllah-list__date">{row.date}</span>
              <span className="huququllah-list__text">{row.description}</span>
              <span className="huququllah-list__amount">{formatPence(row.amountPence)}</span>
              {(['essential', 'discretionary'] as const).map((value) => (
                <button
                  key={value}
                  type="button"
                  className={row.suggestion?.value === value ? 'button button--primary' : 'button'}
                  tabIndex={-1}
                  onClick={() => classRow(row.id, index, value)}
                >
                  {HUQUQULLAH_LABELS[value]}
                </button>
              ))}
              {row.suggestion && (
                <span className="huququllah-list__suggestion">
                  Suggested: {row.suggestion.value} ({Math.round(row.suggestion.confidence * 100)} %):{' '}
                  {row.suggestion.reason}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
