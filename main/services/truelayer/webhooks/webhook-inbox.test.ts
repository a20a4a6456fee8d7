import { exportJWK, generateKeyPair } from 'jose';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../db/open-store.js';
import { storeTargets } from '../../../../e2e/support/test-databases.js';
import { signTestWebhook } from './sign-test-webhook.js';
import { receiveWebhook } from './webhook-inbox.js';

const NOW = new Date('2026-11-25T10:00:00Z');
const PATH = '/relay/truelayer';

describe.each(storeTargets)('webhook inbox ($dialect)', ({ target }) => {
  it('keeps a verified event once and refuses its replay, durably', async () => {
    const store = await openStore(await target());
    try {
      const { privateKey, publicKey } = await generateKeyPair('ES512');
      const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES512' };
      const body = JSON.stringify({ event_id: 'evt-1', event_type: 'transactions_updated', event_body: { n: 3 } });
      const timestamp = NOW.toISOString().replace('.000Z', 'Z');
      const signedHeaders = [['X-Tl-Webhook-Timestamp', timestamp]] as const;
      const signature = await signTestWebhook({ key: privateKey, kid: 'k1', signedHeaders, body, path: PATH });
      const request = {
        method: 'POST',
        path: PATH,
        headers: { 'X-Tl-Webhook-Timestamp': timestamp, 'Tl-Signature': signature },
        body,
      };
      const options = { fetchJwks: () => Promise.resolve({ keys: [jwk] }), now: () => NOW };

      const verified = await receiveWebhook(store.bank, request, options);
      expect(verified).toMatchObject({ eventId: 'evt-1', eventType: 'transactions_updated' });
      await expect(receiveWebhook(store.bank, request, options)).rejects.toMatchObject({ reason: 'duplicate_event' });
      const rows = await store.bank.rawRows(sql`webhook_events`);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ event_id: 'evt-1', event_type: 'transactions_updated', signature });

      // A forged copy (same id, changed body) is refused before it can claim anything.
      const forged = { ...request, body: body.replace('"n":3', '"n":4') };
      await expect(receiveWebhook(store.bank, forged, options)).rejects.toMatchObject({ reason: 'bad_signature' });
    } finally {
      await store.close();
    }
  });
});
