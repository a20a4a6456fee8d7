import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_CALLBACK } from './callback-url.js';

const page = readFileSync(new URL('../../../assets/truelayer-bounce.html', import.meta.url), 'utf8');

describe('the https bounce page (assets/truelayer-bounce.html)', () => {
  it('allows exactly its own script, so browsers run it', () => {
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
    const hash = createHash('sha256').update(script).digest('base64');
    expect(page).toContain(`script-src 'sha256-${hash}'`);
  });

  it("forwards the query and fragment to the app's callback and loads nothing else", () => {
    expect(page).toContain(`'${PROTOCOL_CALLBACK}' + window.location.search + window.location.hash`);
    expect(page).toContain("default-src 'none'");
    expect(page).not.toMatch(/\b(src|href)="https?:/);
    expect(page).toContain('name="referrer" content="no-referrer"');
  });
});
