// Test-only: the shared webhook vector from TrueLayer/truelayer-signing
// (test-resources/, MIT OR Apache-2.0), which every TrueLayer implementation verifies.
// It pins our payload format to theirs; our own signer cannot, since both could share a mistake.
// Note the casing: tl_headers says `X-Tl-Webhook-Timestamp`, the request sends `X-Tl-webhook-Timestamp`.

/** test-resources/jwks.json, the EC entry (a public key; the RSA entry is irrelevant here). */
export const VECTOR_JWK = {
  kty: 'EC',
  alg: 'ES512',
  kid: '45fc75cf-5649-4134-84b3-192c2c78e990',
  crv: 'P-521',
  x: 'oLuW4nFqoUuR8d7FVsUoI62libYdQlWGtLStnqdudLY92bQ0ra5eZAbkunrGTR9-w9mr4o2Etyb6pC7YB2-23WM',
  y: 'AX1cjkGMiltikPrkX49qwuJDdcETaTsj-kyFP8jsF9W5XAB3Z4tBiQtc72DQnJYeKyAV_T6qZTtFKFr-Tp4iu-j7',
};

/** test-resources/webhook-signature.txt and the request its README describes. */
export const VECTOR_REQUEST = {
  method: 'POST',
  path: '/tl-webhook',
  headers: {
    'X-Tl-webhook-Timestamp': '2021-11-29T11:42:55Z',
    'Content-Type': 'application/json',
    'Tl-Signature':
      'eyJhbGciOiJFUzUxMiIsImtpZCI6IjQ1ZmM3NWNmLTU2NDktNDEzNC04NGIzLTE5MmMyYzc4ZTk5MCIsInRsX3ZlcnNpb24iOiIyIiwidGxfaGVhZGVycyI6IlgtVGwtV2ViaG9vay1UaW1lc3RhbXAsQ29udGVudC1UeXBlIiwiamt1IjoiaHR0cHM6Ly93ZWJob29rcy50cnVlbGF5ZXIuY29tLy53ZWxsLWtub3duL2p3a3MifQ..AB9S1dzZTmw0tofUjJNGO7Kt_jZsahPyIrBTdhfxBWOI3KoLALkMy6ka1MjpZQx06_hQUJnanu9K_LS6V9lNaNGiAX5Cos5RWQfbeBCZWqAvIpXO3FvIzyJKRaTYK8FBG4lfJYPi76_pIkCLGKWeq8__7ElpMVRcLTM5IBKWL8isVZn_',
  },
  body: '{"event_type":"example","event_id":"18b2842b-a57b-4887-a0a6-d3c7c36f1020"}',
};

export const VECTOR_NOW = new Date('2021-11-29T11:43:00Z');
