import { Outlet } from 'react-router';
import { useLiveRefresh } from '../live-refresh';
import { NavBar } from './NavBar';
import { StoreBadge } from './StoreBadge';
import { StoreStatusBanner } from './StoreStatusBanner';

export function AppShell() {
  useLiveRefresh();
  return (
    <div className="shell">
      <header className="shell__header">
        <span className="shell__brand">Spending</span>
        <StoreBadge />
      </header>
      <NavBar />
      <main className="shell__main">
        <StoreStatusBanner />
        <Outlet />
      </main>
    </div>
  );
}
