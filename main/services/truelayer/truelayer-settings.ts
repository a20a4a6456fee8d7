// TrueLayer settings in config.json. The client secret is not here: it lives
// in the keychain as 'truelayer-client-secret'.
import { z } from 'zod';
import { CustomHosts, ENVIRONMENTS } from './environment.js';

export const REDIRECT_MODES = ['loopback', 'protocol', 'bounce', 'manual'] as const;
export type RedirectMode = (typeof REDIRECT_MODES)[number];

/** The old app's registered URI, so its TrueLayer Console entry keeps working. */
const DEFAULT_LOOPBACK_URI = 'http://localhost:5000/api/truelayer/callback';
/** TrueLayer Console's own page, which shows the code for pasting. */
const DEFAULT_MANUAL_URI = 'https://console.truelayer.com/redirect-page';

export const TrueLayerSettings = z.object({
  clientId: z.string().trim().min(1).optional(),
  environment: z.enum(ENVIRONMENTS).default('sandbox'),
  custom: CustomHosts.optional(),
  redirectMode: z.enum(REDIRECT_MODES).default('loopback'),
  loopbackUri: z.url().default(DEFAULT_LOOPBACK_URI),
  /** The https page the user hosts that forwards to spending://truelayer/callback (assets/truelayer-bounce.html). */
  bounceUri: z.url().optional(),
  manualUri: z.url().default(DEFAULT_MANUAL_URI),
  providers: z.string().trim().min(1).optional(),
  syncIntervalHours: z.number().min(1).max(168).default(6),
});
export type TrueLayerSettings = z.infer<typeof TrueLayerSettings>;
