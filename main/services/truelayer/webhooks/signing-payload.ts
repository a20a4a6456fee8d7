// The bytes TrueLayer signs, in its "v2" request-signing format. Learnt from
// TrueLayer/truelayer-signing (MIT/Apache-2.0):
// - request-signing-v2.md, "Sign a request": `${METHOD} ${path}\n`, then for each name in
//   `tl_headers`, in that order and with that casing, `${name}: ${value}\n`, then the raw body.
// - rust/src/sign/mod.rs `build_v2_signing_payload` and nodejs/src/lib.ts `buildV2SigningPayload`
//   build exactly that; rust/src/verify/custom_verifer.rs and nodejs/src/headers.ts `retainAndSort`
//   look the request's headers up case-insensitively but write the name as `tl_headers` spells it.
//   test-resources/webhook-signature.txt pins it: signed as `X-Tl-Webhook-Timestamp`, sent as
//   `X-Tl-webhook-Timestamp`. Real webhooks spell it `x-tl-webhook-timestamp` (rust webhook example).
// - The path is the absolute path with no query: the spec says "absolute path" and the Rust and
//   Node webhook examples pass `uri.path()` / Express `req.path`. (The Go example passes
//   `RequestURI`, query included; webhook URLs normally have none, so the two agree in practice.)
// - Verifiers retry with the trailing slash toggled, because TrueLayer signs a webhook URL's path
//   as configured and servers often drop the slash (issue #80); verify-webhook.ts does the same.

const encoder = new TextEncoder();

export function buildSigningPayload(
  method: string,
  path: string,
  signedHeaders: readonly (readonly [name: string, value: string])[],
  body: Uint8Array,
): Uint8Array {
  let head = `${method.toUpperCase()} ${path}\n`;
  for (const [name, value] of signedHeaders) head += `${name}: ${value}\n`;
  const headBytes = encoder.encode(head);
  const payload = new Uint8Array(headBytes.length + body.length);
  payload.set(headBytes);
  payload.set(body, headBytes.length);
  return payload;
}

/** The other spelling of the path TrueLayer's own verifiers also accept. */
export function withTrailingSlashToggled(path: string): string {
  return path.endsWith('/') ? path.slice(0, -1) : `${path}/`;
}
