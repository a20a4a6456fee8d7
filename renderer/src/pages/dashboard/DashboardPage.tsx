import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { TransactionFilter } from '../../../../db/model.js';
import { call } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { keys } from '../../queries';
import { validate } from '../../validation';
import { Budgets } from './Budgets';
import { CategorySpendChart } from './CategorySpendChart';
import { MonthlyChart } from './MonthlyChart';
import { fillMonths, periodFilter, PERIODS, type CustomRange, type PeriodId } from './period';
import { PeriodPicker } from './PeriodPicker';
import { RecurringPayments } from './RecurringPayments';
import { TopMerchants } from './TopMerchants';
import { Totals } from './Totals';
import './dashboard.css';

export function DashboardPage() {
  const [period, setPeriod] = useState<PeriodId>('last-12-months');
  const [custom, setCustom] = useState<CustomRange>({ from: '', to: '' });
  const filter = useMemo(() => periodFilter(period, custom), [period, custom]);
  // Custom dates that end before they start are said so beside them; nothing is added up meanwhile.
  const problems = useMemo(() => validate(TransactionFilter, filter), [filter]);

  const months = useQuery({
    queryKey: keys.monthlyStats(filter),
    queryFn: () => call('monthlyStats', filter),
    enabled: !problems,
  });
  const categories = useQuery({
    queryKey: keys.categoryStats(filter),
    queryFn: () => call('categoryStats', filter),
    enabled: !problems,
  });
  const filled = useMemo(() => (months.data ? fillMonths(months.data, filter) : []), [months.data, filter]);
  const periodLabel = PERIODS.find((p) => p.id === period)?.label ?? '';

  return (
    <section className="page" aria-labelledby="dashboard-title">
      <div className="page__header">
        <h1 id="dashboard-title">Dashboard</h1>
        <PeriodPicker
          period={period}
          onPeriodChange={setPeriod}
          custom={custom}
          onCustomChange={setCustom}
          problem={problems?.dateTo ?? null}
        />
      </div>
      {problems ? (
        <p className="empty-state">Choose dates that run forwards to see totals.</p>
      ) : months.isError ? (
        <ErrorMessage
          error={months.error}
          title="Could not work out the totals."
          onRetry={() => void months.refetch()}
        />
      ) : months.isPending ? (
        <p className="empty-state">Adding up…</p>
      ) : (
        <>
          <h2 className="visually-hidden">Totals for {periodLabel.toLowerCase()}</h2>
          <Totals months={months.data} />
        </>
      )}
      <div className="dashboard__charts">
        <section className="card chart-card" aria-labelledby="by-category-title">
          <h2 id="by-category-title">Spending by category</h2>
          {problems ? (
            <p className="empty-state">No period chosen.</p>
          ) : categories.isError ? (
            <ErrorMessage error={categories.error} onRetry={() => void categories.refetch()} />
          ) : categories.isPending ? (
            <p className="empty-state">Loading…</p>
          ) : (
            <CategorySpendChart stats={categories.data} period={filter} />
          )}
        </section>
        <section className="card chart-card" aria-labelledby="by-month-title">
          <h2 id="by-month-title">Income and spending by month</h2>
          {problems ? (
            <p className="empty-state">No period chosen.</p>
          ) : months.isError ? (
            <p className="empty-state">Not available.</p>
          ) : months.isPending ? (
            <p className="empty-state">Loading…</p>
          ) : (
            <MonthlyChart months={filled} />
          )}
        </section>
        <section className="card chart-card" aria-labelledby="top-merchants-title">
          <h2 id="top-merchants-title">Top merchants</h2>
          {problems ? <p className="empty-state">No period chosen.</p> : <TopMerchants filter={filter} />}
        </section>
        <section className="card chart-card" aria-labelledby="budgets-title">
          <h2 id="budgets-title">Budgets this month</h2>
          <Budgets />
        </section>
        <section className="card chart-card" aria-labelledby="recurring-title">
          <h2 id="recurring-title">Recurring payments</h2>
          <RecurringPayments />
        </section>
      </div>
    </section>
  );
}
