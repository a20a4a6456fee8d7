import { useAppInfo } from '../queries';
import { dialectName } from './store-info';

/** Which store this window is showing, so nobody edits the wrong database by mistake. */
export function StoreBadge() {
  const info = useAppInfo();
  if (info.isPending) return <span className="store-badge store-badge--muted">Connecting…</span>;
  if (info.isError) return <span className="store-badge store-badge--error">Store unavailable</span>;
  const { dialect, location } = info.data.store;
  return (
    <span className="store-badge" title={location} aria-label={`Store: ${dialectName(dialect)}, ${location}`}>
      <span className="store-badge__dialect">{dialectName(dialect)}</span>
      <span className="store-badge__location">{location}</span>
    </span>
  );
}
