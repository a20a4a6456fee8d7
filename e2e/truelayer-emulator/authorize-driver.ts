import { withQuery } from './http.js';

const unescapeHtml = (text: string): string =>
  text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields[unescapeHtml(m[1] ?? '')] = unescapeHtml(m[2] ?? '');
  }
  return fields;
}

const pageError = (html: string): string => unescapeHtml(/class="error"[^>]*>([^<]*)</.exec(html)?.[1] ?? 'no message');

/** response_mode=form_post: the URL the auto-submitting form would post to, with its fields as a query. */
function formPostTarget(html: string): string {
  const action = /<form method="post" action="([^"]*)"/.exec(html)?.[1];
  if (action === undefined) throw new Error('Expected a form_post page');
  return withQuery(unescapeHtml(action), hiddenFields(html));
}

function postForm(url: URL, fields: Record<string, string>): Promise<Response> {
  return fetch(url, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
}

/** What a browser would do: open the link, log in, press Allow (or Deny), and report where it was sent. */
export async function driveAuthorize(
  authLink: string,
  login: { username: string; password: string; deny?: boolean },
): Promise<string> {
  const linkPage = await fetch(authLink, { redirect: 'manual' });
  const early = linkPage.headers.get('location');
  if (early !== null) return early;
  const html = await linkPage.text();
  if (linkPage.status !== 200) throw new Error(`The auth link was refused (${linkPage.status}): ${pageError(html)}`);
  const session = hiddenFields(html).session;
  if (session === undefined) return formPostTarget(html);

  const loginPage = await postForm(new URL('/login', authLink), {
    session,
    username: login.username,
    password: login.password,
  });
  const consentHtml = await loginPage.text();
  if (!consentHtml.includes('name="decision"')) throw new Error(`Login failed: ${pageError(consentHtml)}`);

  const decision = login.deny ? 'deny' : 'allow';
  const outcome = await postForm(new URL('/consent', authLink), { session, decision });
  return outcome.headers.get('location') ?? formPostTarget(await outcome.text());
}
