import type { Behaviour } from './types.js';

/** The sandbox's error.<code> logins and the status each answers every data call with (our pick; TrueLayer does not say). */
export const ERROR_LOGIN_STATUS: Record<string, number> = {
  wrong_credentials: 401,
  account_permanently_locked: 403,
  account_temporarily_locked: 403,
  user_input_required: 403,
  internal_error: 500,
  provider_error: 503,
};

export function loginBehaviour(username: string, password: string): Behaviour | undefined {
  if (username === 'john' && password === 'doe') return 'normal';
  if (username === 'john' && password === 'eternal') return 'eternal';
  const n = /^john([1-9]\d{0,2})$/.exec(username)?.[1];
  if (n !== undefined && Number(n) <= 100 && password === `doe${n}`) return 'normal';
  const code = /^error\.(.+)$/.exec(username)?.[1];
  if (code !== undefined && code in ERROR_LOGIN_STATUS && password === 'error') return `error:${code}`;
  return undefined;
}
