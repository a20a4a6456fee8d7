// A line of text to copy exactly (a command, an address), with a Copy button.
// Where the clipboard is refused, the text is selected so Ctrl+C copies it.
import { useRef, useState } from 'react';

type Copied = 'idle' | 'copied' | 'selected';

export function CopyableText({
  text,
  what,
  hint,
  labelledBy,
}: {
  text: string;
  /** "the command", "the address": for the message when only selecting works. */
  what: string;
  hint: string;
  labelledBy?: string;
}) {
  const code = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<Copied>('idle');

  const selectText = () => {
    const element = code.current;
    const selection = window.getSelection();
    if (!element || !selection) return;
    const range = document.createRange();
    range.selectNodeContents(element);
    selection.removeAllRanges();
    selection.addRange(range);
    setCopied('selected');
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('copied');
    } catch {
      selectText();
    }
  };

  return (
    <>
      <div className="psql-command__row">
        <code ref={code} className="psql-command__text" aria-labelledby={labelledBy}>
          {text}
        </code>
        <button type="button" className="button button--small" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p className="field__hint" role="status">
        {copied === 'copied'
          ? 'Copied.'
          : copied === 'selected'
            ? `The clipboard is not available here; ${what} is selected, press Ctrl+C (Cmd+C on a Mac) to copy it.`
            : hint}
      </p>
    </>
  );
}
