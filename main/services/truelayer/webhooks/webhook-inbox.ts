// Where a relayed webhook lands: verified (verify-webhook.ts), then kept in
// webhook_events, whose unique event_id makes the dedupe durable and atomic.
import type { BankStore } from '../../../../db/bank/bank-store.js';
import {
  verifyWebhook,
  type VerifiedWebhook,
  type VerifyWebhookOptions,
  type WebhookRequest,
} from './verify-webhook.js';
import { WebhookRejected } from './webhook-rejected.js';

export async function receiveWebhook(
  bank: BankStore,
  request: WebhookRequest,
  options: Omit<VerifyWebhookOptions, 'seenEventIds'>,
): Promise<VerifiedWebhook> {
  const signature = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'tl-signature')?.[1] ?? '';
  // The id is recorded below with the event itself, atomically; `add` has nothing left to do.
  const verified = await verifyWebhook(request, {
    ...options,
    seenEventIds: { has: (id) => bank.hasWebhookEvent(id), add: () => undefined },
  });
  if (!(await bank.recordWebhookEvent({ ...verified, signature }))) throw new WebhookRejected('duplicate_event');
  return verified;
}
