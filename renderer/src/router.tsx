// Hash routing: the renderer is loaded from a file in Electron, where there is
// no server to answer deep links.
import { createHashRouter } from 'react-router';
import { AccountsPage } from './pages/accounts/AccountsPage';
import { CategoriesPage } from './pages/categories/CategoriesPage';
import { DashboardPage } from './pages/dashboard/DashboardPage';
import { DatabasePage } from './pages/database/DatabasePage';
import { HuququllahPage } from './pages/huququllah/HuququllahPage';
import { ImportPage } from './pages/import/ImportPage';
import { RulesPage } from './pages/rules/RulesPage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { TransactionsPage } from './pages/transactions/TransactionsPage';
import { AppShell } from './shell/AppShell';
import { RouteError } from './shell/RouteError';

export const router = createHashRouter([
  {
    path: '/',
    element: <AppShell />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <DashboardPage /> },
      { path: 'transactions', element: <TransactionsPage /> },
      { path: 'categories', element: <CategoriesPage /> },
      { path: 'rules', element: <RulesPage /> },
      { path: 'huququllah', element: <HuququllahPage /> },
      { path: 'accounts', element: <AccountsPage /> },
      { path: 'import', element: <ImportPage /> },
      { path: 'database', element: <DatabasePage /> },
      { path: 'settings', element: <SettingsPage /> },
    ],
  },
]);
