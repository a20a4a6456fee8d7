// Link attempts waiting for the bank's answer: state, the PKCE verifier (a
// Fernet token) and where the answer must come back. Single use: taking one
// removes it, and an expired one is never returned.
import { sql } from 'drizzle-orm';
import { readInt } from '../sql/dialect.js';
import type { Executor } from '../sql/executor.js';

export interface PendingOAuthState {
  state: string;
  /** Fernet token of the PKCE verifier. */
  codeVerifier: string;
  redirectUri: string;
  nonce: string;
  connectionId: number | null;
  expiresAt: string;
}

export class OAuthStates {
  constructor(private readonly db: Executor) {}

  async save(p: PendingOAuthState): Promise<void> {
    await this.db.run(
      sql`INSERT INTO oauth_state (state, code_verifier, redirect_uri, nonce, connection_id, expires_at)
          VALUES (${p.state}, ${p.codeVerifier}, ${p.redirectUri}, ${p.nonce}, ${p.connectionId}, ${p.expiresAt})`,
    );
  }

  /**
   * Removes and returns the attempt with this state, once; null when none (or
   * it expired). One statement, so of two processes taking the same answer
   * only one gets it: a read then a delete would hand it to both.
   */
  async take(state: string, now = new Date()): Promise<PendingOAuthState | null> {
    const [row] = await this.db.all(
      sql`DELETE FROM oauth_state WHERE state = ${state}
          RETURNING code_verifier, redirect_uri, nonce, connection_id, ${this.db.dialect.isoInstant(sql`expires_at`)} AS expires_at`,
    );
    if (!row) return null;
    const expiresAt = String(row.expires_at);
    if (Date.parse(expiresAt) <= now.getTime()) return null;
    return {
      state,
      codeVerifier: String(row.code_verifier),
      redirectUri: String(row.redirect_uri),
      nonce: String(row.nonce),
      connectionId: row.connection_id === null ? null : readInt(row.connection_id),
      expiresAt,
    };
  }

  async delete(states: readonly string[]): Promise<void> {
    await this.db.run(
      sql`DELETE FROM oauth_state WHERE state IN (${sql.join(
        states.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  }

  async purgeExpired(now = new Date()): Promise<number> {
    return this.db.run(sql`DELETE FROM oauth_state WHERE expires_at <= ${now.toISOString()}`);
  }
}
