// A webhook we refuse. The reason is a stable code for the relay (and for tests);
// the message is for people and never repeats the body, the signature or key
// material, since rejected input is attacker-controlled and messages end up in logs.
import { AppError, type ErrorCode } from '../../../../db/errors.js';

export type WebhookRejectionReason =
  | 'missing_signature'
  | 'bad_signature_format'
  | 'alg_not_allowed'
  | 'jku_not_allowed'
  | 'unknown_key'
  | 'bad_signature'
  | 'missing_signed_header'
  | 'stale_timestamp'
  | 'bad_body'
  | 'duplicate_event';

const DETAILS: Record<WebhookRejectionReason, { code: ErrorCode; message: string; remedy?: string }> = {
  missing_signature: { code: 'forbidden', message: 'The webhook has no Tl-Signature header.' },
  bad_signature_format: { code: 'forbidden', message: 'The webhook Tl-Signature header is not a TrueLayer signature.' },
  alg_not_allowed: { code: 'forbidden', message: 'The webhook signature does not use ES512.' },
  jku_not_allowed: { code: 'forbidden', message: 'The webhook signature points at keys that are not TrueLayer’s.' },
  unknown_key: {
    code: 'forbidden',
    message: 'The webhook was signed with a key TrueLayer does not publish.',
    remedy: 'If TrueLayer has just rotated its keys, its next delivery attempt should pass.',
  },
  bad_signature: {
    code: 'forbidden',
    message: 'The webhook signature does not match the request.',
    remedy: 'A relay must forward the method, the original path, the signed headers and the body byte for byte.',
  },
  missing_signed_header: {
    code: 'forbidden',
    message: 'The webhook lacks a header its signature covers.',
    remedy: 'A relay must forward TrueLayer’s headers, including X-Tl-Webhook-Timestamp, unchanged.',
  },
  stale_timestamp: {
    code: 'forbidden',
    message: 'The webhook timestamp is too old, too far in the future, or unreadable.',
    remedy: 'Check that this computer’s clock is right.',
  },
  bad_body: { code: 'invalid_input', message: 'The webhook body is not a TrueLayer event.' },
  duplicate_event: { code: 'conflict', message: 'This webhook event has already been received.' },
};

export class WebhookRejected extends AppError {
  constructor(
    readonly reason: WebhookRejectionReason,
    detail?: string,
  ) {
    const { code, message, remedy } = DETAILS[reason];
    super(code, detail === undefined ? message : `${message} (${detail})`, remedy);
    this.name = 'WebhookRejected';
  }
}
