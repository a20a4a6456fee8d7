// What happens to a spending:// link the OS hands over (cold start argv,
// second-instance, open-url). Links are untrusted input and never logged:
// only TrueLayer callbacks are taken, and their state must match an attempt
// this app started. Electron-free so the UI harness delivers links the same way.
import { DEEP_LINK_SCHEME } from './trusted-url.js';
import { isTrueLayerDeepLink } from './services/truelayer/callback-url.js';
import type { TrueLayerService } from './services/truelayer/truelayer-service.js';

export interface DeepLinkDeps {
  truelayer: TrueLayerService;
  onFailure(error: unknown): void;
  warn(message: string): void;
}

/** Resolves once the link was handled (or refused); never rejects. */
export async function handleDeepLink(url: string, deps: DeepLinkDeps): Promise<void> {
  if (!isTrueLayerDeepLink(url)) {
    deps.warn(`Ignored a ${DEEP_LINK_SCHEME}:// link that is not a TrueLayer callback`);
    return;
  }
  try {
    await deps.truelayer.completeLink(url);
  } catch (error) {
    deps.warn('A TrueLayer callback was not accepted');
    deps.onFailure(error);
  }
}
