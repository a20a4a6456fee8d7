// Live progress of a start, backup or restore: the current step, a bar when
// the amount of work is known, and Docker's per-layer download bars.
import type { DatabaseProgress } from '../../../../preload/contract-database.js';
import { formatMegabytes } from './format';

interface Props {
  progress: DatabaseProgress | null;
  /** Shown until the first report arrives. */
  fallback: string;
  label: string;
}

export function ProgressReport({ progress, fallback, label }: Props) {
  const layers = progress?.layers ?? [];
  return (
    <div className="progress-report" role="status" aria-label={label}>
      <p className="progress-report__message">
        <span className="spinner" aria-hidden />
        {progress?.message ?? fallback}
      </p>
      {progress?.total ? (
        <progress className="progress-bar" value={progress.done ?? 0} max={progress.total} aria-label={label} />
      ) : null}
      {layers.length > 0 && (
        <ul className="layer-list" aria-label="Image layers">
          {layers.map((layer) => (
            <li key={layer.id} className="layer-list__item">
              <span className="details__mono">{layer.id}</span>
              <span className="layer-list__status">{layer.status}</span>
              {layer.total ? (
                <>
                  <progress
                    className="progress-bar"
                    value={layer.current ?? 0}
                    max={layer.total}
                    aria-label={`Layer ${layer.id}`}
                  />
                  <span className="layer-list__size tabular">
                    {formatMegabytes(layer.current ?? 0)} of {formatMegabytes(layer.total)}
                  </span>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
