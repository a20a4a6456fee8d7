// What to register in TrueLayer Console for the redirect mode saved, with a
// Copy button: the address must match character for character.
import { useId, useRef, useState } from 'react';

type Copied = 'idle' | 'copied' | 'selected';

export function RedirectInstructions({ redirectUri, unsaved }: { redirectUri: string | null; unsaved: boolean }) {
  const id = useId();
  const code = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<Copied>('idle');

  // Where the clipboard is refused, the text is selected so Ctrl+C copies it.
  const selectText = () => {
    const selection = window.getSelection();
    if (!code.current || !selection) return;
    const range = document.createRange();
    range.selectNodeContents(code.current);
    selection.removeAllRanges();
    selection.addRange(range);
    setCopied('selected');
  };
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('copied');
    } catch {
      selectText();
    }
  };

  return (
    <div className="bank-instructions" aria-labelledby={`${id}-title`} role="group">
      <h3 id={`${id}-title`} className="bank-instructions__title">
        Register the redirect address
      </h3>
      {redirectUri ? (
        <>
          <p>In TrueLayer Console → your app → Settings → Allowed redirect URIs, add exactly:</p>
          <div className="psql-command__row">
            <code ref={code} className="psql-command__text">
              {redirectUri}
            </code>
            <button type="button" className="button button--small" onClick={() => void copy(redirectUri)}>
              Copy
            </button>
          </div>
          <p className="field__hint" role="status">
            {copied === 'copied'
              ? 'Copied.'
              : copied === 'selected'
                ? 'The clipboard is not available here; the address is selected, press Ctrl+C (Cmd+C on a Mac) to copy it.'
                : unsaved
                  ? 'This is for the settings saved; save to see the address for your changes.'
                  : ''}
          </p>
        </>
      ) : (
        <p>Enter the address of your bounce page and save; the address to register then shows here.</p>
      )}
      <ul className="bank-instructions__notes">
        <li>
          Console requires <code>https://</code> for new redirect URIs, except <code>http://localhost</code> ones.
        </li>
        <li>
          The bounce page to host is <code>assets/truelayer-bounce.html</code>, shipped with Spending: put it on an
          https address you control and choose Your bounce page with that address.
        </li>
        <li>
          In the sandbox, the mock bank logs in with <strong>john</strong> / <strong>doe</strong>.
        </li>
      </ul>
    </div>
  );
}
