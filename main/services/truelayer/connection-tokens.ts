// Access tokens per connection. TrueLayer rotates on every refresh: the new
// refresh token replaces the old one, and every earlier access token dies.
// So every use of the refresh token (refresh or consent extension) is
// single-flight per connection: in this process through a queue, and across
// processes sharing the store (the CLI beside the app, computers on one
// PostgreSQL database) through a lease on the connection's row, held only
// around the call to TrueLayer. Whoever waited reads the pair the holder
// stored rather than spending the refresh token the holder just rotated. The
// rotated pair is stored (encrypted) before the new access token is used, and
// a refresh happens a minute before expiry rather than after a failure.
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { AppError } from '../../../db/errors.js';
import type { BankStore } from '../../../db/bank/bank-store.js';
import type { SecretsService } from '../secrets/secrets-service.js';
import type { Tokens, TokenClient } from './token-client.js';
import { TrueLayerError } from './truelayer-error.js';

const REFRESH_LEEWAY_MS = 60_000;
/** Outlasts a call to TrueLayer (http-json.ts gives up after 30 s), so a live holder never loses its lease. */
export const TOKEN_LEASE_SECONDS = 60;
/** How often a process waiting for another's lease looks again; there is no cross-process signal in SQLite. */
const LEASE_POLL_MS = 200;

export function needsReconnect(providerName: string | null): AppError {
  return new AppError(
    'forbidden',
    `${providerName ?? 'The bank'} needs you to log in again before Spending can sync it.`,
    'Choose Reconnect on the Accounts page. Everything already synced stays.',
  );
}

function leaseNotFreed(providerName: string | null): AppError {
  return new AppError(
    'unavailable',
    `Another Spending process started renewing the access to ${providerName ?? 'the bank'} and has not finished.`,
    'Try Sync now again in a minute. Everything already synced stays.',
  );
}

function refusedAfterTakeover(providerName: string | null): AppError {
  return new AppError(
    'unavailable',
    `TrueLayer refused to renew the access to ${providerName ?? 'the bank'}, perhaps because another Spending process renewed it and has not saved the result yet.`,
    'Try Sync now again in a minute; if it says the same again, choose Reconnect.',
  );
}

export class ConnectionTokens {
  private readonly refreshing = new Map<number, Promise<string>>();
  /** The last queued use of each connection's refresh token. */
  private readonly turns = new Map<number, Promise<unknown>>();
  /** This process's name on the connection's lease. */
  private readonly holder = randomUUID();

  constructor(
    private readonly bank: () => BankStore,
    private readonly secrets: SecretsService,
    private readonly client: () => Promise<TokenClient>,
    private readonly now: () => Date = () => new Date(),
    /** Told when this process waits for another's refresh, so a person at a terminal knows why. */
    private readonly notify: (message: string) => void = () => undefined,
  ) {}

  /**
   * Encrypts and stores a pair; the refresh token is kept when TrueLayer sent
   * none. A rotated pair (`previousRefresh` given) is stored only while the
   * connection still holds tokens: false when a disconnect wiped them.
   */
  async store(connectionId: number, tokens: Tokens, previousRefresh: string | null = null): Promise<boolean> {
    const refresh = tokens.refreshToken ?? previousRefresh;
    const stored = {
      accessToken: await this.secrets.encrypt(tokens.accessToken),
      refreshToken: refresh === null ? null : await this.secrets.encrypt(refresh),
      accessExpiresAt: tokens.expiresAt.toISOString(),
    };
    if (previousRefresh !== null) return this.bank().replaceTokens(connectionId, stored);
    await this.bank().saveTokens(connectionId, stored);
    return true;
  }

  /** A usable access token, refreshed first when it expires within a minute. */
  async accessToken(connectionId: number): Promise<string> {
    const pending = this.refreshing.get(connectionId);
    if (pending) return pending;
    const connection = await this.bank().getConnection(connectionId);
    if (!connection.tokens || connection.status === 'authorization_required') {
      throw needsReconnect(connection.providerName);
    }
    if (Date.parse(connection.tokens.accessExpiresAt) - this.now().getTime() > REFRESH_LEEWAY_MS) {
      return this.secrets.decrypt(connection.tokens.accessToken);
    }
    return this.refresh(connectionId);
  }

  /**
   * Refreshes once for everyone waiting. `rejected` is the access token a 401
   * refused: if another caller has already replaced it, that newer one is used
   * instead of rotating again.
   */
  refresh(connectionId: number, rejected?: string): Promise<string> {
    const pending = this.refreshing.get(connectionId);
    if (pending) return pending;
    const run = this.inTurn(connectionId, (takenOver) => this.rotate(connectionId, rejected, takenOver)).finally(() =>
      this.refreshing.delete(connectionId),
    );
    this.refreshing.set(connectionId, run);
    return run;
  }

  /**
   * Runs `work` with the connection's current refresh token once no other use
   * of it is under way here or in another process; `work` stores what
   * TrueLayer rotates it into.
   */
  withRefreshToken<T>(connectionId: number, work: (refreshToken: string) => Promise<T>): Promise<T> {
    return this.inTurn(connectionId, async () => {
      const connection = await this.bank().getConnection(connectionId);
      if (!connection.tokens?.refreshToken) throw needsReconnect(connection.providerName);
      return work(await this.secrets.decrypt(connection.tokens.refreshToken));
    });
  }

  /** Queues `work` behind this process's other uses of the refresh token, then runs it holding the store's lease. */
  private inTurn<T>(connectionId: number, work: (takenOver: boolean) => Promise<T>): Promise<T> {
    const run = (this.turns.get(connectionId) ?? Promise.resolve()).then(() => this.leased(connectionId, work));
    const settled = run.catch(() => undefined);
    this.turns.set(connectionId, settled);
    void settled.then(() => {
      if (this.turns.get(connectionId) === settled) this.turns.delete(connectionId);
    });
    return run;
  }

  /**
   * Runs `work` holding the connection's lease in the store, waiting (bounded)
   * while another process holds it; `work` learns whether the lease was taken
   * over from a holder whose time ran out. The lease is given back however
   * `work` ends.
   */
  private async leased<T>(connectionId: number, work: (takenOver: boolean) => Promise<T>): Promise<T> {
    const bank = this.bank();
    const giveUpAt = Date.now() + (TOKEN_LEASE_SECONDS + 15) * 1000;
    let told = false;
    let claim;
    while ((claim = await bank.claimTokenLease(connectionId, this.holder, TOKEN_LEASE_SECONDS)) === 'held') {
      const connection = await bank.getConnection(connectionId);
      if (Date.now() > giveUpAt) throw leaseNotFreed(connection.providerName);
      if (!told) {
        told = true;
        this.notify(
          `Waiting for another Spending process to finish renewing the access to ${connection.providerName ?? 'the bank'}…`,
        );
      }
      await delay(LEASE_POLL_MS);
    }
    try {
      return await work(claim === 'taken-over');
    } finally {
      await bank.releaseTokenLease(connectionId, this.holder);
    }
  }

  private async rotate(connectionId: number, rejected: string | undefined, takenOver: boolean): Promise<string> {
    const bank = this.bank();
    const connection = await bank.getConnection(connectionId);
    if (!connection.tokens?.refreshToken || connection.status === 'authorization_required') {
      throw needsReconnect(connection.providerName);
    }
    // Whoever held the turn before (here or in another process) may have stored a fresh pair meanwhile.
    const current = await this.secrets.decrypt(connection.tokens.accessToken);
    const fresh = Date.parse(connection.tokens.accessExpiresAt) - this.now().getTime() > REFRESH_LEEWAY_MS;
    if (fresh && current !== rejected) return current;
    const refreshToken = await this.secrets.decrypt(connection.tokens.refreshToken);
    let tokens: Tokens;
    try {
      tokens = await (await this.client()).refresh(refreshToken);
    } catch (error) {
      if (error instanceof TrueLayerError && error.consentGone) {
        const latest = (await bank.getConnection(connectionId)).tokens;
        if (latest?.refreshToken && latest.refreshToken !== connection.tokens.refreshToken) {
          // A pair stored since this one was read (a holder whose lease ran out while it waited on TrueLayer).
          return this.secrets.decrypt(latest.accessToken);
        }
        await bank.log(connectionId, 'refresh_refused', { error: error.error, takenOver });
        // The holder whose time ran out may yet store the pair its refresh got: no verdict on the consent this time.
        if (takenOver) throw refusedAfterTakeover(connection.providerName);
        await bank.markNeedsReconnect(
          connectionId,
          'TrueLayer no longer accepts this login.',
          connection.tokens.refreshToken,
        );
        throw needsReconnect(connection.providerName);
      }
      throw error;
    }
    // Disconnected meanwhile: the wiped tokens stay wiped.
    if (!(await this.store(connectionId, tokens, refreshToken))) throw needsReconnect(connection.providerName);
    await bank.log(connectionId, 'token_refreshed', { expiresAt: tokens.expiresAt.toISOString() });
    return tokens.accessToken;
  }
}
