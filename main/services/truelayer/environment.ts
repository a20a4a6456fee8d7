// Where TrueLayer lives: sandbox, live, or base URLs the user (or a test
// emulator) supplies. Data API v1 throughout; see ../shared/spec/TRUELAYER.md.
import { z } from 'zod';

export interface TrueLayerHosts {
  /** Auth link, /connect/token, /api/providers, /api/delete. */
  auth: string;
  /** Data API v1 root, e.g. https://api.truelayer.com/data/v1 */
  data: string;
  /** Root of /connections/extend. */
  api: string;
}

export const ENVIRONMENTS = ['sandbox', 'live', 'custom'] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

const KNOWN: Record<Exclude<EnvironmentName, 'custom'>, TrueLayerHosts> = {
  sandbox: {
    auth: 'https://auth.truelayer-sandbox.com',
    data: 'https://api.truelayer-sandbox.com/data/v1',
    api: 'https://api.truelayer-sandbox.com',
  },
  live: {
    auth: 'https://auth.truelayer.com',
    data: 'https://api.truelayer.com/data/v1',
    api: 'https://api.truelayer.com',
  },
};

export const CustomHosts = z.object({ auth: z.url(), data: z.url(), api: z.url() });

const trim = (url: string) => url.replace(/\/+$/, '');

export function hostsFor(environment: EnvironmentName, custom?: TrueLayerHosts): TrueLayerHosts {
  if (environment !== 'custom') return KNOWN[environment];
  if (!custom) throw new Error('A custom TrueLayer environment needs its auth, data and api URLs');
  return { auth: trim(custom.auth), data: trim(custom.data), api: trim(custom.api) };
}

/** The sandbox's mock bank; live links offer every UK bank. */
export function defaultProviders(environment: EnvironmentName): string {
  return environment === 'live' ? 'uk-ob-all uk-oauth-all' : 'uk-cs-mock uk-ob-all uk-oauth-all';
}
