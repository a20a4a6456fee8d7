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
  const verified = await verifyWebhook(request, {
    ...options,
    seenEventIds: {
      has: (id) => bank.hasWebhookEvent(id),
      add: async (id) => {
        if (!(await bank.claimWebhookEvent(id, signature))) throw new WebhookRejected('duplicate_event');
      },
    },
  });
  await bank.saveWebhookEvent(verified.eventId, verified.eventType, verified.payload);
  return verified;
}
