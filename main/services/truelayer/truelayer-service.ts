// Bank linking and sync, for the app and the CLI alike: settings, the link
// attempt (PKCE, state, the redirect in any of its modes), the code exchange
// and first full sync, later syncs, consent extension and disconnection.
// Every bank is its own connection; tokens go to the database only as Fernet
// tokens through the secrets service.
import { networkInterfaces } from 'node:os';
import type { ConnectionRow } from '../../../db/bank/bank-types.js';
import { AppError } from '../../../db/errors.js';
import type { Store } from '../../../db/store.js';
import { loadConfig, saveConfig } from '../config/config.js';
import type { SecretsService } from '../secrets/secrets-service.js';
import { ApiAccount, ApiMe } from './api-schemas.js';
import { authLink } from './auth-link.js';
import { NotACallback, parseCallback, PROTOCOL_CALLBACK } from './callback-url.js';
import { ConnectionTokens, needsReconnect } from './connection-tokens.js';
import { DataClient, DEFAULT_BACKOFF, type Backoff } from './data-client.js';
import { defaultProviders, hostsFor, type TrueLayerHosts } from './environment.js';
import type { Fetch } from './http-json.js';
import { listenForCallback, type LoopbackListener } from './loopback-listener.js';
import { newAttemptSecrets } from './pkce.js';
import { syncConnection, type SyncProgress, type SyncReport } from './sync-connection.js';
import { TokenClient } from './token-client.js';
import { TrueLayerError } from './truelayer-error.js';
import { TrueLayerSettings, type RedirectMode } from './truelayer-settings.js';
import { UnattendedBudget } from './unattended-budget.js';

/** How long a started link waits for the bank's answer. */
export const ATTEMPT_TTL_MS = 10 * 60_000;

export type BankProgress =
  | { phase: 'waiting'; url: string; mode: RedirectMode }
  | { phase: 'exchanging' }
  | (SyncProgress & { connectionId: number })
  | { phase: 'linked'; connectionId: number; report: SyncReport }
  | { phase: 'failed'; message: string; remedy?: string };

export interface TrueLayerDeps {
  dataDir: string;
  secrets: SecretsService;
  store: () => Store;
  fetch?: Fetch;
  backoff?: Backoff;
  /** The clock for token expiry, attempt expiry and sync windows (a test emulator's virtual clock). */
  now?: () => Date;
  emit?: (progress: BankProgress) => void;
  log?: { info(message: string): void; warn(message: string, ...details: unknown[]): void };
}

export interface StartedLink {
  url: string;
  state: string;
  redirectUri: string;
  mode: RedirectMode;
  /** For loopback mode: settles when the listener took the attempt's answer (and the first sync ran), or gave up. */
  completion?: Promise<LinkResult>;
}

export interface SyncRequest {
  /** Right after the code exchange: full history. */
  initial?: boolean;
  psuIp?: string | null;
  /** A background sync: no X-PSU-IP, and within the unattended allowance. */
  unattended?: boolean;
  signal?: AbortSignal;
}

export interface LinkResult {
  connectionId: number;
  providerName: string | null;
  report: SyncReport;
}

export class TrueLayerService {
  readonly tokens: ConnectionTokens;
  private listener: LoopbackListener | undefined;
  /** Attempts started by this process, for a pasted bare code (which carries no state). */
  private readonly started = new Set<string>();
  private readonly syncing = new Map<number, { run: Promise<SyncReport>; cancel: AbortController }>();

  constructor(private readonly deps: TrueLayerDeps) {
    this.tokens = new ConnectionTokens(
      () => this.bank(),
      deps.secrets,
      async () => this.tokenClient(),
      () => this.now(),
      (message) => deps.log?.info(message),
    );
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  bank() {
    return this.deps.store().bank;
  }

  async settings(): Promise<TrueLayerSettings> {
    return TrueLayerSettings.parse((await loadConfig(this.deps.dataDir)).truelayer ?? {});
  }

  async saveSettings(patch: Partial<TrueLayerSettings>): Promise<TrueLayerSettings> {
    const config = await loadConfig(this.deps.dataDir);
    const next = TrueLayerSettings.parse({ ...(config.truelayer ?? {}), ...patch });
    await saveConfig(this.deps.dataDir, { ...config, truelayer: next });
    return next;
  }

  async setClientSecret(secret: string): Promise<void> {
    await this.deps.secrets.setSecret('truelayer-client-secret', secret);
  }

  async hasClientSecret(): Promise<boolean> {
    return (await this.deps.secrets.getSecret('truelayer-client-secret').catch(() => null)) !== null;
  }

  /** The redirect URI this mode sends, which must be registered in TrueLayer Console character for character. */
  redirectUri(settings: TrueLayerSettings): string {
    switch (settings.redirectMode) {
      case 'loopback':
        return settings.loopbackUri;
      case 'protocol':
        return PROTOCOL_CALLBACK;
      case 'manual':
        return settings.manualUri;
      case 'bounce':
        if (!settings.bounceUri)
          throw new AppError(
            'invalid_input',
            'The bounce page has no address yet.',
            'Enter it under Bank linking in Settings.',
          );
        return settings.bounceUri;
    }
  }

  private async hosts(): Promise<TrueLayerHosts> {
    const s = await this.settings();
    return hostsFor(s.environment, s.custom);
  }

  private async tokenClient(): Promise<TokenClient> {
    const s = await this.settings();
    if (!s.clientId)
      throw new AppError('invalid_input', 'No TrueLayer client id is set.', 'Enter it under Bank linking in Settings.');
    const secret = await this.deps.secrets.getSecret('truelayer-client-secret');
    if (!secret)
      throw new AppError(
        'invalid_input',
        'No TrueLayer client secret is set.',
        'Enter it under Bank linking in Settings.',
      );
    return new TokenClient(
      hostsFor(s.environment, s.custom),
      { clientId: s.clientId, clientSecret: secret },
      this.fetch(),
      () => this.now(),
    );
  }

  private fetch(): Fetch {
    return this.deps.fetch ?? fetch;
  }

  private async dataClient(): Promise<DataClient> {
    return new DataClient((await this.hosts()).data, this.tokens, this.fetch(), this.deps.backoff ?? DEFAULT_BACKOFF);
  }

  // ---- linking ----

  /** Prepares an auth link. In loopback mode a listener waits for the answer; other modes end in completeLink. */
  async startLink(options: { reconnect?: number } = {}): Promise<StartedLink> {
    const settings = await this.settings();
    await this.tokenClient(); // fails early, before the browser opens, when credentials are missing
    const redirectUri = this.redirectUri(settings);
    // Listening first: a port in use is told before the browser opens.
    const completion = settings.redirectMode === 'loopback' ? await this.listen(redirectUri) : undefined;
    const secrets = newAttemptSecrets();
    const bank = this.bank();
    await bank.oauth.purgeExpired(this.now());
    await bank.oauth.save({
      state: secrets.state,
      codeVerifier: await this.deps.secrets.encrypt(secrets.codeVerifier),
      redirectUri,
      nonce: secrets.nonce,
      connectionId: options.reconnect ?? null,
      expiresAt: new Date(this.now().getTime() + ATTEMPT_TTL_MS).toISOString(),
    });
    this.started.add(secrets.state);
    const url = authLink({
      hosts: hostsFor(settings.environment, settings.custom),
      clientId: settings.clientId ?? '',
      redirectUri,
      providers: settings.providers ?? defaultProviders(settings.environment),
      state: secrets.state,
      nonce: secrets.nonce,
      codeChallenge: secrets.codeChallenge,
    });
    const started: StartedLink = {
      url,
      state: secrets.state,
      redirectUri,
      mode: settings.redirectMode,
      ...(completion ? { completion: completion.result } : {}),
    };
    this.deps.emit?.({ phase: 'waiting', url, mode: settings.redirectMode });
    return started;
  }

  /** Binds the loopback listener; `result` settles with the link, or rejects (LinkCancelled when superseded or cancelled). */
  private async listen(redirectUri: string): Promise<{ result: Promise<LinkResult> }> {
    this.listener?.close();
    let result: LinkResult | undefined;
    const listener = await listenForCallback(redirectUri, async (url) => {
      try {
        result = await this.completeLink(url);
        return { recognised: true, message: 'Your bank is linked. You can close this tab and return to Spending.' };
      } catch (error) {
        // Not this attempt's answer (no code, a state it did not send): keep waiting for the real one.
        const stray = error instanceof NotAnAttempt || error instanceof NotACallback;
        if (!stray) throw error;
        return { recognised: false, message: error.message };
      }
    });
    this.listener = listener;
    return {
      result: listener.done.then(() => {
        if (!result) throw new AppError('internal', 'The link finished without a result.');
        return result;
      }),
    };
  }

  /** Stops waiting and voids every attempt this process started, so a late answer is refused. */
  async cancelLink(): Promise<void> {
    this.listener?.close();
    this.listener = undefined;
    const states = [...this.started];
    this.started.clear();
    if (states.length) await this.bank().oauth.delete(states);
  }

  /**
   * Takes the bank's answer (a redirect URL from any mode, or a pasted code),
   * checks its state against a pending attempt, exchanges the code and runs
   * the first full sync while the bank still serves deep history.
   */
  async completeLink(callback: string, options: { psuIp?: string | null } = {}): Promise<LinkResult> {
    const bank = this.bank();
    const parsed = parseCallback(callback);
    const state = parsed.state ?? (this.started.size === 1 ? ([...this.started][0] ?? null) : null);
    const attempt = state ? await bank.oauth.take(state, this.now()) : null;
    if (!attempt) {
      await bank.log(null, 'callback_refused', { reason: state ? 'unknown or expired state' : 'no state' });
      this.deps.log?.warn('Refused a TrueLayer callback whose state matches no pending link');
      throw new NotAnAttempt();
    }
    this.started.delete(attempt.state);
    if (parsed.kind === 'error') {
      const denied = parsed.error === 'access_denied';
      throw new AppError(
        denied ? 'forbidden' : 'unavailable',
        denied ? 'You did not allow access, so nothing was linked.' : `TrueLayer refused the link: ${parsed.error}.`,
        'Choose Link bank to try again.',
      );
    }
    this.deps.emit?.({ phase: 'exchanging' });
    const client = await this.tokenClient();
    const verifier = await this.deps.secrets.decrypt(attempt.codeVerifier);
    let tokens;
    try {
      tokens = await client.exchangeCode(parsed.code, attempt.redirectUri, verifier);
    } catch (error) {
      if (error instanceof TrueLayerError && error.status === 400) {
        throw new AppError(
          'forbidden',
          'TrueLayer did not accept the answer (it may have been used already or expired).',
          'Choose Link bank to try again.',
        );
      }
      throw error;
    }
    const connectionId =
      attempt.connectionId ??
      (await bank.createConnection({ providerId: 'unknown', providerName: null, scope: tokens.scope ?? '' }));
    await this.tokens.store(connectionId, tokens);
    await bank.setStatus(connectionId, 'active', null);
    const linkedId = await this.identify(connectionId, attempt.connectionId === null);
    await bank.log(linkedId, 'linked', { reconnect: attempt.connectionId !== null || linkedId !== connectionId });
    const report = await this.sync(linkedId, { initial: true, psuIp: options.psuIp ?? userIp() });
    const providerName = (await bank.getConnection(linkedId)).providerName;
    this.deps.emit?.({ phase: 'linked', connectionId: linkedId, report });
    return { connectionId: linkedId, providerName, report };
  }

  /** Names the provider from /me, else from the accounts; a bank already linked keeps its connection (the new tokens move to it). */
  private async identify(connectionId: number, fresh: boolean): Promise<number> {
    const client = await this.dataClient();
    const context = { psuIp: userIp() };
    // Either call may fail (an error.* login fails them all): the first sync then says why, and the
    // connection keeps the provider it had rather than becoming "unknown".
    const [me] = await client.results(connectionId, '/me', ApiMe, context).catch(() => []);
    const accounts = fresh ? await client.results(connectionId, '/accounts', ApiAccount, context).catch(() => []) : [];
    const provider = me?.provider?.provider_id ? me.provider : accounts.find((a) => a.provider?.provider_id)?.provider;
    if (!provider?.provider_id) return connectionId;
    const bank = this.bank();
    await bank.setProvider(connectionId, provider.provider_id, provider.display_name ?? null);
    if (!fresh) return connectionId;
    const existing = await bank.findConnectionFor(
      provider.provider_id,
      accounts.map((a) => a.account_id),
    );
    if (existing === null || existing === connectionId) return connectionId;
    await bank.moveTokens(connectionId, existing);
    await bank.setStatus(existing, 'active', null);
    return existing;
  }

  // ---- sync ----

  /**
   * Syncs one connection. A sync asked for while another of the same
   * connection runs joins it: two writers would race on the dedupe keys.
   */
  sync(connectionId: number, options: SyncRequest = {}): Promise<SyncReport> {
    const running = this.syncing.get(connectionId);
    if (running) return running.run;
    const cancel = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, cancel.signal]) : cancel.signal;
    const run = this.runSync(connectionId, { ...options, signal }).finally(() => this.syncing.delete(connectionId));
    this.syncing.set(connectionId, { run, cancel });
    return run;
  }

  /** Stops a running sync at its next bank call; every account it finished stays synced. */
  cancelSync(connectionId: number): boolean {
    const running = this.syncing.get(connectionId);
    running?.cancel.abort(new AppError('unavailable', 'Sync cancelled.'));
    return running !== undefined;
  }

  private async runSync(connectionId: number, options: SyncRequest & { signal: AbortSignal }): Promise<SyncReport> {
    const bank = this.bank();
    const budget = options.unattended ? await UnattendedBudget.load(bank, connectionId, this.now()) : undefined;
    try {
      const report = await syncConnection(bank, await this.dataClient(), connectionId, {
        ...(options.initial ? { initial: true } : {}),
        ...(budget ? { budget } : { psuIp: options.psuIp ?? userIp() }),
        signal: options.signal,
        now: this.now(),
        onProgress: (p) => this.deps.emit?.(p),
      });
      // New bank rows may be the charges Amazon and Apple purchases were waiting for.
      if (report.transactions.inserted) await this.deps.store().purchases.match();
      return report;
    } catch (error) {
      if (options.signal.aborted) {
        throw new AppError(
          'unavailable',
          'Sync cancelled; everything synced before it stopped is kept.',
          'Choose Sync now to finish it.',
        );
      }
      throw await this.explain(connectionId, error, 'Try Sync now again later; everything synced so far is kept.');
    } finally {
      await budget?.record(bank, connectionId);
    }
  }

  /** Connections that can sync: active and holding tokens. */
  async syncableConnections(): Promise<ConnectionRow[]> {
    return (await this.bank().listConnections()).filter((c) => c.status === 'active' && c.tokens !== null);
  }

  /** A TrueLayer failure in words for the user; a consent that is gone marks the bank "needs reconnect". */
  private async explain(connectionId: number, error: unknown, remedy: string): Promise<unknown> {
    if (!(error instanceof TrueLayerError)) return error;
    const bank = this.bank();
    if (error.consentGone) {
      await bank.markNeedsReconnect(connectionId, 'TrueLayer no longer accepts this login.');
      return needsReconnect((await bank.getConnection(connectionId)).providerName);
    }
    return new AppError('unavailable', `The bank did not answer as expected (${error.error}).`, remedy);
  }

  // ---- consent and disconnection ----

  /** Asks TrueLayer to extend consent; some banks need the user to log in again (a link is returned). */
  async extendConsent(connectionId: number): Promise<{ extended: true } | { extended: false; link: string }> {
    const bank = this.bank();
    const client = await this.tokenClient();
    const redirectUri = this.redirectUri(await this.settings());
    // Extending rotates the tokens like a refresh does, so it takes its turn with them.
    const result = await this.tokens
      .withRefreshToken(connectionId, async (refresh) => {
        const answer = await client.extend(refresh, redirectUri, { name: 'Spending user', email: 'user@localhost' });
        if (answer.action === 'extended' && !(await this.tokens.store(connectionId, answer.tokens, refresh))) {
          // Disconnected meanwhile (perhaps by another process): nothing to extend any more.
          throw needsReconnect((await bank.getConnection(connectionId)).providerName);
        }
        return answer;
      })
      .catch(async (error: unknown) => {
        throw await this.explain(connectionId, error, 'Try again later; your consent is as it was.');
      });
    if (result.action === 'reauthenticate') {
      await bank.log(connectionId, 'consent_extend', { action: 'authentication_needed' });
      return { extended: false, link: result.link };
    }
    const [me] = await (await this.dataClient()).results(connectionId, '/me', ApiMe, { psuIp: userIp() });
    if (me?.consent_expires_at) await bank.setConsent(connectionId, new Date(me.consent_expires_at).toISOString());
    await bank.log(connectionId, 'consent_extend', { action: 'no_action_needed' });
    return { extended: true };
  }

  /** Revokes at TrueLayer (best effort: a consent already gone is fine), then wipes the tokens. Synced rows stay. */
  async disconnect(connectionId: number): Promise<{ revoked: boolean }> {
    const bank = this.bank();
    // A sync still running could refresh and store new tokens after the wipe.
    const running = this.syncing.get(connectionId);
    if (running) {
      this.cancelSync(connectionId);
      await running.run.catch(() => undefined);
    }
    const connection = await bank.getConnection(connectionId);
    let revoked = false;
    if (connection.tokens) {
      try {
        const access = await this.tokens.accessToken(connectionId);
        await (await this.tokenClient()).revoke(access);
        revoked = true;
      } catch (error) {
        this.deps.log?.warn(
          `Could not revoke bank connection ${connectionId} at TrueLayer; wiping its tokens anyway`,
          error,
        );
      }
    }
    await bank.clearTokens(connectionId);
    await bank.setStatus(connectionId, 'inactive', null);
    await bank.log(connectionId, 'disconnected', { revoked });
    return { revoked };
  }
}

/** An answer whose state matches no pending attempt: forged, replayed, expired or cancelled. */
class NotAnAttempt extends AppError {
  constructor() {
    super(
      'forbidden',
      'This answer does not belong to a link Spending started (or it expired).',
      'Start linking again from the Accounts page.',
    );
  }
}

/**
 * X-PSU-IP marks a call as made with the user present. A desktop app cannot
 * see its public address, so it sends the machine's own; TrueLayer only needs
 * a well-formed address to lift the unattended limit.
 */
function userIp(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    const found = addresses?.find((a) => a.family === 'IPv4' && !a.internal);
    if (found) return found.address;
  }
  return '127.0.0.1';
}
