// The command that opens psql on this server, with a Copy button. Where the
// clipboard is refused, the text is selected so Ctrl+C copies it.
import { useRef, useState } from 'react';

type Copied = 'idle' | 'copied' | 'selected';

export function PsqlCommand({ command, hint }: { command: string; hint: string }) {
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
      await navigator.clipboard.writeText(command);
      setCopied('copied');
    } catch {
      selectText();
    }
  };

  return (
    <div className="psql-command">
      <p className="field__label" id="psql-command-label">
        Open it in psql
      </p>
      <div className="psql-command__row">
        <code ref={code} className="psql-command__text" aria-labelledby="psql-command-label">
          {command}
        </code>
        <button type="button" className="button button--small" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p className="field__hint" role="status">
        {copied === 'copied'
          ? 'Copied.'
          : copied === 'selected'
            ? 'The clipboard is not available here; the command is selected, press Ctrl+C (Cmd+C on a Mac) to copy it.'
            : hint}
      </p>
    </div>
  );
}
