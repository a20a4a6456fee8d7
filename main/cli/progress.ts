// A progress bar on stderr when a person is watching; silent in pipes and CI.
import cliProgress from 'cli-progress';
import type { CliIo } from './io.js';

export interface ProgressReporter {
  update: (progress: { done: number; total: number }) => void;
  stop: () => void;
}

export function progressReporter(io: CliIo, json: boolean, label: string): ProgressReporter {
  if (!io.stderr.isTTY || json) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream: io.stderr,
      format: `${label} [{bar}] {percentage}% | {value}/{total} rows | ETA {eta_formatted}`,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: ({ done, total }) => {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
