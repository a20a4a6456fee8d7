// Reads what comes back from TrueLayer: a redirect URL (spending://, the
// loopback listener's http://localhost, a bounce page) or a pasted code.
// The URL is untrusted input; only its code, state and error are used.
import { AppError } from '../../../db/errors.js';

export const PROTOCOL_CALLBACK = 'spending://truelayer/callback';

/** `state` is null only for a bare pasted code; an address must carry one. */
export type CallbackResult =
  | { kind: 'code'; code: string; state: string | null; scope: string | null }
  | { kind: 'error'; error: string; description: string | null; state: string };

const CODE = /^[A-Za-z0-9._~+/=-]{8,4096}$/;

/** Input that is no TrueLayer answer at all (no code or error, another scheme or path). */
export class NotACallback extends AppError {
  constructor() {
    super(
      'invalid_input',
      'That is not a TrueLayer redirect.',
      'Paste the whole address the browser showed after you allowed access (it contains code= and state=).',
    );
  }
}

const invalid = () => new NotACallback();

export function parseCallback(input: string): CallbackResult {
  const text = input.trim();
  if (CODE.test(text) && !text.includes('://')) return { kind: 'code', code: text, state: null, scope: null };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid();
  }
  if (url.protocol === 'spending:' && (url.host !== 'truelayer' || url.pathname !== '/callback')) throw invalid();
  if (!['spending:', 'http:', 'https:'].includes(url.protocol)) throw invalid();
  // form_post and some bounce pages put the parameters in the fragment.
  const params = url.search ? url.searchParams : new URLSearchParams(url.hash.replace(/^#/, ''));
  // Without a state an address could be anyone's: a page that points the browser at the listener must not spend the attempt.
  const state = params.get('state');
  if (!state) throw invalid();
  const error = params.get('error');
  if (error) return { kind: 'error', error, description: params.get('error_description'), state };
  const code = params.get('code');
  if (!code || !CODE.test(code)) throw invalid();
  return { kind: 'code', code, state, scope: params.get('scope') };
}

/** Whether a spending:// link the OS handed over is a TrueLayer callback (main/deep-links.ts). */
export function isTrueLayerDeepLink(url: string): boolean {
  return url.startsWith(`${PROTOCOL_CALLBACK}?`) || url.startsWith(`${PROTOCOL_CALLBACK}#`);
}
