// What to register in TrueLayer Console for the redirect mode saved, with a
// Copy button: the address must match character for character.
import { useId } from 'react';
import { CopyableText } from '../../components/CopyableText';

export function RedirectInstructions({ redirectUri, unsaved }: { redirectUri: string | null; unsaved: boolean }) {
  const id = useId();

  return (
    <div className="bank-instructions" aria-labelledby={`${id}-title`} role="group">
      <h3 id={`${id}-title`} className="bank-instructions__title">
        Register the redirect address
      </h3>
      {redirectUri ? (
        <>
          <p>In TrueLayer Console → your app → Settings → Allowed redirect URIs, add exactly:</p>
          <CopyableText
            text={redirectUri}
            what="the address"
            hint={unsaved ? 'This is for the settings saved; save to see the address for your changes.' : ''}
          />
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
