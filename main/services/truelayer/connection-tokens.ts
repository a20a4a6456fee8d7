// Access tokens per connection. TrueLayer rotates on every refresh: the new
// refresh token replaces the old one, and every earlier access token dies.
// So refreshes are single-flight per connection, every use of the refresh
// token (refresh or consent extension) waits its turn, the rotated pair is
// stored (encrypted) before the new access token is used, and a refresh
// happens a minute before expiry rather than after a failure. Another process
// on the same store (the CLI beside the app) may rotate first: a refused
// refresh token that the store has since replaced is no lost consent.
import { AppError } from '../../../db/errors.js';
import type { BankStore } from '../../../db/bank/bank-store.js';
import type { SecretsService } from '../secrets/secrets-service.js';
import type { Tokens, TokenClient } from './token-client.js';
import { TrueLayerError } from './truelayer-error.js';

const REFRESH_LEEWAY_MS = 60_000;

export function needsReconnect(providerName: string | null): AppError {
  return new AppError(
    'forbidden',
    `${providerName ?? 'The bank'} needs you to log in again before Spending can sync it.`,
    'Choose Reconnect on the Accounts page. Everything already synced stays.',
  );
}

export class ConnectionTokens {
  private readonly refreshing = new Map<number, Promise<string>>();
  /** The last queued use of each connection's refresh token. */
  private readonly turns = new Map<number, Promise<unknown>>();

  constructor(
    private readonly bank: () => BankStore,
    private readonly secrets: SecretsService,
    private readonly client: () => Promise<TokenClient>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Encrypts and stores a fresh pair; the refresh token is kept when TrueLayer sent none. */
  async store(connectionId: number, tokens: Tokens, previousRefresh: string | null = null): Promise<void> {
    const refresh = tokens.refreshToken ?? previousRefresh;
    await this.bank().saveTokens(connectionId, {
      accessToken: await this.secrets.encrypt(tokens.accessToken),
      refreshToken: refresh === null ? null : await this.secrets.encrypt(refresh),
      accessExpiresAt: tokens.expiresAt.toISOString(),
    });
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
    const run = this.inTurn(connectionId, () => this.rotate(connectionId, rejected)).finally(() =>
      this.refreshing.delete(connectionId),
    );
    this.refreshing.set(connectionId, run);
    return run;
  }

  /**
   * Runs `work` with the connection's current refresh token once no other use
   * of it is under way here; `work` stores what TrueLayer rotates it into.
   */
  withRefreshToken<T>(connectionId: number, work: (refreshToken: string) => Promise<T>): Promise<T> {
    return this.inTurn(connectionId, async () => {
      const connection = await this.bank().getConnection(connectionId);
      if (!connection.tokens?.refreshToken) throw needsReconnect(connection.providerName);
      return work(await this.secrets.decrypt(connection.tokens.refreshToken));
    });
  }

  private inTurn<T>(connectionId: number, work: () => Promise<T>): Promise<T> {
    const run = (this.turns.get(connectionId) ?? Promise.resolve()).then(work);
    const settled = run.catch(() => undefined);
    this.turns.set(connectionId, settled);
    void settled.then(() => {
      if (this.turns.get(connectionId) === settled) this.turns.delete(connectionId);
    });
    return run;
  }

  private async rotate(connectionId: number, rejected: string | undefined): Promise<string> {
    const bank = this.bank();
    const connection = await bank.getConnection(connectionId);
    if (!connection.tokens?.refreshToken) throw needsReconnect(connection.providerName);
    if (rejected !== undefined) {
      const current = await this.secrets.decrypt(connection.tokens.accessToken);
      if (current !== rejected && Date.parse(connection.tokens.accessExpiresAt) > this.now().getTime()) return current;
    }
    const refreshToken = await this.secrets.decrypt(connection.tokens.refreshToken);
    let tokens: Tokens;
    try {
      tokens = await (await this.client()).refresh(refreshToken);
    } catch (error) {
      if (error instanceof TrueLayerError && error.consentGone) {
        const latest = (await bank.getConnection(connectionId)).tokens;
        if (latest?.refreshToken && latest.refreshToken !== connection.tokens.refreshToken) {
          // Another process rotated first and stored its pair: use that one.
          return this.secrets.decrypt(latest.accessToken);
        }
        await bank.setStatus(connectionId, 'authorization_required', 'TrueLayer no longer accepts this login.');
        await bank.log(connectionId, 'refresh_refused', { error: error.error });
        throw needsReconnect(connection.providerName);
      }
      throw error;
    }
    await this.store(connectionId, tokens, refreshToken);
    await bank.log(connectionId, 'token_refreshed', { expiresAt: tokens.expiresAt.toISOString() });
    return tokens.accessToken;
  }
}
