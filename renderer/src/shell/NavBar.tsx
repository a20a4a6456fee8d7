import { NavLink } from 'react-router';

const LINKS = [
  { to: '/', label: 'Dashboard' },
  { to: '/transactions', label: 'Transactions' },
  { to: '/categories', label: 'Categories & Rules' },
  { to: '/rules', label: 'Rules' },
  { to: '/huququllah', label: 'Huququllah' },
  { to: '/accounts', label: 'Accounts' },
  { to: '/import', label: 'Import' },
  { to: '/database', label: 'Database' },
  { to: '/settings', label: 'Settings' },
] as const;

export function NavBar() {
  return (
    <nav className="shell__nav" aria-label="Main">
      <ul>
        {LINKS.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end={link.to === '/'} className="nav-link">
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
