// Links such as the Accounts page's "Settings → Bank linking" name a section
// in the location's hash; with hash routing the browser cannot scroll to it
// by itself, so the page does, once the section is there.
import { useEffect } from 'react';
import { useLocation } from 'react-router';

export function useScrollToSection(): void {
  const { hash } = useLocation();
  useEffect(() => {
    const section = hash ? document.getElementById(hash.slice(1)) : null;
    if (!section) return;
    section.scrollIntoView({ block: 'start' });
    // The heading takes focus so keyboard and screen reader users land where sighted users look.
    const heading = section.querySelector<HTMLElement>('h2');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus({ preventScroll: true });
  }, [hash]);
}
