// `spending bank`: link a bank (print the auth link, wait for the loopback
// redirect or a pasted URL), sync, status, disconnect, and the TrueLayer
// settings the app's Settings page also edits.
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { AppError } from '../../db/errors.js';
import type { Store } from '../../db/store.js';
import type { BankProgress, TrueLayerService } from '../services/truelayer/truelayer-service.js';
import type { CliIo, Output } from './io.js';
import { bankProgressReporter } from './progress.js';

export type WithBank = <T>(
  work: (service: TrueLayerService, store: Store) => Promise<T>,
  emit?: (progress: BankProgress) => void,
) => Promise<T>;

const pounds = (pence: number | null) => (pence === null ? '—' : (pence / 100).toFixed(2));

/** The first line typed on stdin; `close` stops listening so the process can exit. */
function firstLine(stdin: NodeJS.ReadableStream, signal: AbortSignal): { line: Promise<string>; close(): void } {
  const rl = createInterface({ input: stdin, terminal: false });
  const line = new Promise<string>((resolve, reject) => {
    rl.once('line', (text) => {
      resolve(text);
      rl.close();
    });
    rl.once('close', () => reject(new AppError('invalid_input', 'Nothing was pasted.')));
    signal.addEventListener('abort', () => rl.close(), { once: true });
  });
  return { line, close: () => rl.close() };
}

export function registerBankCommands(
  program: Command,
  io: CliIo,
  signal: AbortSignal,
  out: () => Output,
  withBank: WithBank,
): void {
  const stdin = io.stdin ?? process.stdin;
  const bank = program.command('bank').description('link UK banks through TrueLayer and sync them');

  bank
    .command('configure')
    .description('TrueLayer settings (the client secret is read from stdin and kept in the keychain)')
    .option('--client-id <id>')
    .option('--client-secret-stdin', 'read the client secret from the first line of stdin')
    .option('--environment <sandbox|live|custom>')
    .option('--auth-url <url>', 'custom environment: the auth server')
    .option('--data-url <url>', 'custom environment: the Data API v1 root')
    .option('--api-url <url>', 'custom environment: the root of /connections/extend')
    .option('--redirect-mode <loopback|protocol|bounce|manual>')
    .option('--loopback-uri <uri>')
    .option('--bounce-uri <uri>')
    .action(async (o: Record<string, string | boolean | undefined>) => {
      const result = await withBank(async (service) => {
        if (o.clientSecretStdin) await service.setClientSecret((await firstLine(stdin, signal).line).trim());
        const custom =
          o.authUrl && o.dataUrl && o.apiUrl
            ? { auth: String(o.authUrl), data: String(o.dataUrl), api: String(o.apiUrl) }
            : undefined;
        const patch = Object.fromEntries(
          Object.entries({
            clientId: o.clientId,
            environment: o.environment,
            redirectMode: o.redirectMode,
            loopbackUri: o.loopbackUri,
            bounceUri: o.bounceUri,
            custom,
          }).filter(([, v]) => v !== undefined),
        );
        const settings = await service.saveSettings(patch);
        return {
          ...settings,
          hasClientSecret: await service.hasClientSecret(),
          redirectUri: service.redirectUri(settings),
        };
      });
      out().result(result, () =>
        [
          `Environment: ${result.environment}`,
          `Client id: ${result.clientId ?? '(not set)'}; client secret ${result.hasClientSecret ? 'in the keychain' : 'not set'}`,
          `Redirect: ${result.redirectMode}. Register exactly this redirect URI in TrueLayer Console: ${result.redirectUri}`,
        ].join('\n'),
      );
    });

  bank
    .command('link')
    .description('print the auth link, then wait for the redirect (loopback) or a pasted redirect URL')
    .option('--reconnect <connection id>', 'log in again to a bank that needs it', Number)
    .action(async (o: { reconnect?: number }) => {
      const o2 = out();
      const bar = bankProgressReporter(io, o2.json);
      const result = await withBank(async (service) => {
        const started = await service.startLink(o.reconnect ? { reconnect: o.reconnect } : {});
        o2.note(`Open this link in your browser and log in to your bank:\n\n${started.url}\n`);
        o2.note(
          started.completion
            ? `Waiting for the bank's answer at ${started.redirectUri} (or paste the final address here and press Enter)…`
            : 'After allowing access, paste the address your browser ends on here and press Enter:',
        );
        const input = firstLine(stdin, signal);
        // With a listener waiting, an empty stdin (a script, `< /dev/null`) is no failure: the browser may still answer.
        const line = started.completion ? input.line.catch(() => new Promise<string>(() => undefined)) : input.line;
        const pasted = line.then((text) => service.completeLink(text));
        try {
          return await (started.completion ? Promise.race([started.completion, pasted]) : pasted);
        } finally {
          bar.stop();
          input.close();
          await service.cancelLink();
        }
      }, bar.update);
      o2.result(
        { ok: true, connectionId: result.connectionId, provider: result.providerName, report: result.report },
        () => {
          const t = result.report.transactions;
          return `Linked ${result.providerName ?? 'the bank'} (connection ${result.connectionId}): ${result.report.accounts} accounts, ${t.inserted} new transactions${result.report.fallbackTo90Days ? ' (the bank served only the last 90 days)' : ''}.`;
        },
      );
    });

  bank
    .command('sync')
    .description('sync every linked bank now (or one)')
    .option('--connection <id>', 'only this connection', Number)
    .action(async (o: { connection?: number }) => {
      const o2 = out();
      const bar = bankProgressReporter(io, o2.json);
      const reports = await withBank(async (service) => {
        const ids = o.connection ? [o.connection] : (await service.syncableConnections()).map((c) => c.id);
        const done = [];
        try {
          for (const id of ids) done.push(await service.sync(id, { signal }));
        } finally {
          bar.stop();
        }
        return done;
      }, bar.update);
      o2.result({ ok: true, reports }, () =>
        reports.length
          ? reports
              .map(
                (r) =>
                  `Connection ${r.connectionId}: ${r.accounts} accounts, ${r.transactions.inserted} new, ${r.transactions.updated} updated, ${r.transactions.unchanged} unchanged, ${r.pending} pending${r.unreadable.length ? `, ${r.unreadable.length} unreadable (kept in the sync log, not added)` : ''} (${r.ms} ms)`,
              )
              .join('\n')
          : 'No linked bank to sync. Link one with `spending bank link`.',
      );
    });

  bank
    .command('status')
    .description('linked banks, their accounts and balances')
    .action(async () => {
      const connections = await withBank(async (service) => {
        const b = service.bank();
        return Promise.all(
          (await b.listConnections()).map(async ({ tokens, ...c }) => ({
            ...c,
            linked: tokens !== null,
            accounts: await b.listAccounts(c.id),
          })),
        );
      });
      out().result(connections, () =>
        connections.length
          ? connections
              .map((c) =>
                [
                  `${c.id}. ${c.providerName ?? c.providerId} — ${c.status}${c.consentExpiresAt ? `, consent until ${c.consentExpiresAt.slice(0, 10)}` : ''}${c.lastSyncedAt ? `, synced ${c.lastSyncedAt}` : ''}`,
                  ...(c.lastError ? [`   ${c.lastError}`] : []),
                  ...c.accounts.map(
                    (a) =>
                      `   ${(a.displayName ?? a.accountId).padEnd(28)} ${a.kind.padEnd(8)} ${pounds(a.balance?.currentPence ?? null).padStart(12)}`,
                  ),
                ].join('\n'),
              )
              .join('\n')
          : 'No bank is linked. Link one with `spending bank link`.',
      );
    });

  bank
    .command('log <connection-id>')
    .description(
      'what happened to a linked bank, newest first: syncs, token refreshes, refusals, unreadable transactions',
    )
    .option('--limit <n>', 'entries to show', Number, 20)
    .action(async (id: string, o: { limit: number }) => {
      const entries = await withBank((service) => service.bank().listLogs(Number(id), o.limit));
      out().result(entries, () =>
        entries.length
          ? entries.map((e) => `${e.at}  ${e.eventType.padEnd(16)} ${JSON.stringify(e.details)}`).join('\n')
          : `Nothing logged for connection ${id}.`,
      );
    });

  bank
    .command('disconnect <connection-id>')
    .description('revoke access at TrueLayer and wipe the tokens; synced transactions stay')
    .action(async (id: string) => {
      const result = await withBank((service) => service.disconnect(Number(id)));
      out().result({ ok: true, ...result }, () =>
        result.revoked
          ? 'Disconnected: TrueLayer revoked access and the tokens are wiped.'
          : 'Tokens wiped (TrueLayer could not be reached to revoke; the consent lapses by itself).',
      );
    });
}
