import { useId } from 'react';
import { PERIODS, type CustomRange, type PeriodId } from './period';

interface Props {
  period: PeriodId;
  onPeriodChange: (period: PeriodId) => void;
  custom: CustomRange;
  onCustomChange: (range: CustomRange) => void;
  /** Why the custom dates cannot be used, shown under the end date. */
  problem: string | null;
}

export function PeriodPicker({ period, onPeriodChange, custom, onCustomChange, problem }: Props) {
  const problemId = useId();
  return (
    <div className="period-picker" role="group" aria-label="Period">
      <label className="filter">
        <span className="filter__label">Period</span>
        <select
          className="input"
          value={period}
          onChange={(event) => {
            const next = PERIODS.find((p) => p.id === event.target.value);
            if (next) onPeriodChange(next.id);
          }}
        >
          {PERIODS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      {period === 'custom' && (
        <>
          <label className="filter">
            <span className="filter__label">From</span>
            <input
              type="date"
              className="input"
              aria-label="From"
              value={custom.from}
              max={custom.to || undefined}
              onChange={(event) => onCustomChange({ ...custom, from: event.target.value })}
            />
          </label>
          <label className="filter">
            <span className="filter__label">To</span>
            <input
              type="date"
              className="input"
              aria-label="To"
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? problemId : undefined}
              value={custom.to}
              min={custom.from || undefined}
              onChange={(event) => onCustomChange({ ...custom, to: event.target.value })}
            />
            {problem && (
              <span className="filter__problem" id={problemId} role="alert">
                {problem}
              </span>
            )}
          </label>
        </>
      )}
    </div>
  );
}
