// A failed TrueLayer call, classified by what the app should do about it.
// Messages never include tokens or response bodies beyond TrueLayer's own
// error code and description.

/** Data API errors that no retry or refresh can mend (TRUELAYER.md, and the sandbox's error.* logins). */
const NEEDS_LOGIN = new Set([
  'access_denied',
  'wrong_credentials',
  'account_permanently_locked',
  'user_input_required',
]);

export class TrueLayerError extends Error {
  constructor(
    /** HTTP status; 0 when no answer came (dropped connection, timeout, unreadable body). */
    readonly status: number,
    /** TrueLayer's `error` code, or ours for transport failures. */
    readonly error: string,
    readonly description: string | null = null,
  ) {
    super(`TrueLayer answered ${status || 'nothing'} ${error}${description ? `: ${description}` : ''}`);
    this.name = 'TrueLayerError';
  }

  /** Worth trying again after a pause: rate limits, outages, broken answers. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || (this.status >= 500 && this.status !== 501);
  }

  /** The bank does not offer this feature: do not ask again. */
  get featureAbsent(): boolean {
    return this.status === 501;
  }

  /** Deep history or /info asked for too long after login: fall back to 90 days. */
  get scaExceeded(): boolean {
    return this.status === 403 && this.error === 'sca_exceeded';
  }

  /** Consent is gone or the bank wants the user: only a new login helps. Local data stays. */
  get consentGone(): boolean {
    return (this.status === 400 && this.error === 'invalid_grant') || NEEDS_LOGIN.has(this.error);
  }
}
