// `spending watch`: the changes written to a shared PostgreSQL store, as they
// arrive, until Ctrl+C. With --json, one JSON object a line (JSON Lines), so
// a script can follow them; the notes for people go to stderr.
import type { Command } from 'commander';
import { AppError } from '../../db/errors.js';
import { openStore } from '../../db/open-store.js';
import { redactUrl } from '../../db/pg/connection-errors.js';
import type { StoreChange } from '../../db/store-changes.js';
import type { Output } from './io.js';
import { resolveTarget } from './store-target.js';

function humanLine(change: StoreChange, at: Date): string {
  const time = at.toTimeString().slice(0, 8);
  if (change.kind === 'catch-up')
    return `${time}  changed while the connection was lost: ${change.tables.join(', ')}  (revision ${String(change.revision)})`;
  const rows = change.count === null ? 'all rows' : `${String(change.count)} ${change.count === 1 ? 'row' : 'rows'}`;
  const ids = change.ids?.length ? ` (id ${change.ids.join(', ')})` : '';
  return `${time}  ${change.table}  ${change.op}  ${rows}${ids}  (revision ${String(change.revision)})`;
}

export function registerWatchCommand(
  program: Command,
  signal: AbortSignal,
  out: () => Output,
  storeOption: () => string | undefined,
): void {
  program
    .command('watch')
    .description(
      'print the changes written to a shared PostgreSQL store as they arrive, by any computer, until Ctrl+C (--json: one object a line)',
    )
    .action(async () => {
      const o = out();
      const target = await resolveTarget(storeOption());
      if (target.kind !== 'postgres')
        throw new AppError(
          'invalid_input',
          `${target.path} is a SQLite file, which only this computer writes: there are no other computers' changes to watch.`,
          'Watch a PostgreSQL store: --db with a postgres:// URL, or embedded | docker | external.',
        );
      // Opening brings the schema, and so the triggers that send the notifications, up to date.
      await (await openStore(target)).close();
      const { StoreListener } = await import('../../db/pg/store-listener.js');
      let lost = false;
      const listener = await StoreListener.start(target.url, {
        onChange: (change) => {
          const at = new Date();
          o.result({ ...change, at: at.toISOString() }, () => humanLine(change, at));
        },
        onState: (state) => {
          if (state === 'reconnecting') o.note('Lost the connection to the server; reconnecting…');
          else if (lost) o.note('Connected again.');
          lost = state === 'reconnecting';
        },
      });
      o.note(`Watching ${redactUrl(target.url)} for changes; Ctrl+C to stop.`);
      await new Promise<void>((resolve) => {
        if (signal.aborted) resolve();
        else signal.addEventListener('abort', () => resolve(), { once: true });
      });
      await listener.close();
    });
}
