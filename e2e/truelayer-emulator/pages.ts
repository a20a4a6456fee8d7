// Plain server-rendered pages for the mock bank; a person and Playwright screenshots read them.

const SCOPE_TEXT: Record<string, string> = {
  info: 'Your name, address, email and phone number',
  accounts: 'Your account details',
  balance: 'Your balances',
  cards: 'Your card details',
  transactions: 'Your transactions',
  direct_debits: 'Your direct debits',
  standing_orders: 'Your standing orders',
  offline_access: 'Access while you are not using the app (for 90 days)',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function layout(title: string, body: string, extraHead = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">${extraHead}
<style>
body{font-family:system-ui,sans-serif;background:#eef1f6;color:#1d2433;margin:0}
header{background:#143d6b;color:#fff;padding:14px 24px;font-weight:600;font-size:18px}
main{max-width:420px;margin:40px auto;background:#fff;border-radius:10px;padding:28px;box-shadow:0 2px 10px #0002}
h1{font-size:20px;margin-top:0}label{display:block;margin:14px 0 4px;font-size:14px}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:9px;border:1px solid #b8c0cc;border-radius:6px}
button{margin-top:18px;padding:10px 18px;border:0;border-radius:6px;background:#143d6b;color:#fff;font-size:15px;cursor:pointer}
button.secondary{background:#e2e6ee;color:#1d2433;margin-left:8px}
.error{background:#fde8e8;color:#9b1c1c;padding:10px;border-radius:6px}.hint{color:#5b6475;font-size:13px}
ul{padding-left:20px}li{margin:6px 0}
</style></head>
<body><header>Mock UK Bank</header><main>${body}</main></body></html>`;
}

export function errorPage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1><p class="error">${escapeHtml(message)}</p>`);
}

export function loginPage(sessionId: string, clientId: string, error?: string): string {
  return layout(
    'Log in - Mock UK Bank',
    `<h1>Log in to Mock UK Bank</h1>
<p>To share your data with <strong>${escapeHtml(clientId)}</strong>.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/login">
<input type="hidden" name="session" value="${escapeHtml(sessionId)}">
<label for="username">Username</label><input type="text" id="username" name="username" autocomplete="off">
<label for="password">Password</label><input type="password" id="password" name="password">
<button type="submit">Log in</button>
</form>
<p class="hint">Test logins: john / doe, john1..john100 / doe1..doe100, john / eternal, error.&lt;code&gt; / error.</p>`,
  );
}

export function consentPage(sessionId: string, clientId: string, username: string, scopes: string[]): string {
  const items = scopes.map(
    (s) => `<li>${escapeHtml(SCOPE_TEXT[s] ?? s)} <span class="hint">(${escapeHtml(s)})</span></li>`,
  );
  return layout(
    'Allow access - Mock UK Bank',
    `<h1>Allow ${escapeHtml(clientId)} to see your data?</h1>
<p>Logged in as <strong>${escapeHtml(username)}</strong>. ${escapeHtml(clientId)} is asking for:</p>
<ul>${items.join('')}</ul>
<form method="post" action="/consent">
<input type="hidden" name="session" value="${escapeHtml(sessionId)}">
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny" class="secondary">Deny</button>
</form>`,
  );
}

/** response_mode=form_post: the browser POSTs the result to the redirect URI. */
export function formPostPage(action: string, params: Record<string, string | undefined>): string {
  const inputs = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`);
  return layout(
    'Returning to the app',
    `<h1>Returning to the app…</h1>
<form method="post" action="${escapeHtml(action)}">${inputs.join('')}<noscript><button type="submit">Continue</button></noscript></form>
<script>document.forms[0].submit()</script>`,
  );
}
