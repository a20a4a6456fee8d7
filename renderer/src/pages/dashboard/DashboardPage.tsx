import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { TransactionFilter } from '../../../../db/model.js';
import { call } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { keys } from '../../queries';
import { validate } from '../../validation';
import { Budgets } from './Budgets';
import { CashFlowChart } from './CashFlowChart';
import { CategorySpendChart, CategorySpendTable, spendingFirst } from './CategorySpendChart';
import { ChartCard } from './ChartCard';
import { MonthlyChart } from './MonthlyChart';
import { MonthsTable } from './MonthsTable';
import { fillMonths, periodFilter, PERIODS, type CustomRange, type PeriodId } from './period';
import { PeriodComparison } from './PeriodComparison';
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
  const cashFlow = useQuery({
    queryKey: keys.cashFlow(filter),
    queryFn: () => call('reportMonths', { from: filter.dateFrom, to: filter.dateTo }),
    enabled: !problems,
  });
  const filled = useMemo(() => (months.data ? fillMonths(months.data, filter) : []), [months.data, filter]);
  // The store's spending is negative; the table, like every report, counts it positive.
  const filledFlows = useMemo(
    () =>
      filled.map((m) => ({
        month: m.month,
        incomePence: m.incomePence,
        spendPence: 0 - m.spendPence,
        netPence: m.incomePence + m.spendPence,
      })),
    [filled],
  );
  const monthsShown = months.data && filled.some((m) => m.count > 0);
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
        <ChartCard
          id="by-category-title"
          title="Spending by category"
          table={
            categories.data && spendingFirst(categories.data).length ? (
              <CategorySpendTable stats={categories.data} />
            ) : undefined
          }
        >
          {problems ? (
            <p className="empty-state">No period chosen.</p>
          ) : categories.isError ? (
            <ErrorMessage error={categories.error} onRetry={() => void categories.refetch()} />
          ) : categories.isPending ? (
            <p className="empty-state">Loading…</p>
          ) : (
            <CategorySpendChart stats={categories.data} period={filter} />
          )}
        </ChartCard>
        <ChartCard
          id="by-month-title"
          title="Income and spending by month"
          table={monthsShown ? <MonthsTable months={filledFlows} label="Income and spending by month" /> : undefined}
        >
          {problems ? (
            <p className="empty-state">No period chosen.</p>
          ) : months.isError ? (
            <p className="empty-state">Not available.</p>
          ) : months.isPending ? (
            <p className="empty-state">Loading…</p>
          ) : (
            <MonthlyChart months={filled} />
          )}
        </ChartCard>
        <ChartCard
          id="cash-flow-title"
          title="Cash flow by month"
          table={
            cashFlow.data?.some((m) => m.incomePence || m.spendPence) ? (
              <MonthsTable months={cashFlow.data} label="Cash flow by month" />
            ) : undefined
          }
        >
          {problems ? (
            <p className="empty-state">No period chosen.</p>
          ) : cashFlow.isError ? (
            <ErrorMessage error={cashFlow.error} onRetry={() => void cashFlow.refetch()} />
          ) : cashFlow.isPending ? (
            <p className="empty-state">Loading…</p>
          ) : (
            <CashFlowChart months={cashFlow.data} />
          )}
        </ChartCard>
        <section className="card chart-card chart-card--wide" aria-labelledby="compare-title">
          <h2 id="compare-title">Against earlier periods</h2>
          {problems ? <p className="empty-state">No period chosen.</p> : <PeriodComparison filter={filter} />}
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
