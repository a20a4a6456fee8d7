// The redirect address pasted by hand: the whole of manual mode, and the way
// out when the browser could not hand the answer back to Spending.
import { useState, type SubmitEvent } from 'react';
import { InputField } from '../../../components/Field';

export function PasteAddressForm({ onPaste }: { onPaste: (url: string) => Promise<void> }) {
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await onPaste(url.trim());
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="inline-form bank-paste" onSubmit={(event) => void submit(event)}>
      <InputField
        label="Paste the address instead"
        hint="After you allow access, copy the whole address from the browser’s address bar (it contains code= and state=)."
        className="bank-paste__input"
        autoComplete="off"
        spellCheck={false}
        placeholder="spending://truelayer/callback?code=…"
        value={url}
        onValueChange={setUrl}
      />
      <button type="submit" className="button" disabled={busy || !url.trim()}>
        Use this address
      </button>
    </form>
  );
}
