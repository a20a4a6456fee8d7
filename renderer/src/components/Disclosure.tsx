// A section folded away behind a button: the panel is only rendered while
// open, and the button says whether it is and which panel it controls.
import { useId, useState, type ReactNode } from 'react';

interface Props {
  className: string;
  /** The button's text. */
  label: ReactNode;
  /** The panel, given the id the button points to. */
  children: (panelId: string) => ReactNode;
}

export function Disclosure({ className, label, children }: Props) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className={className}>
      <button
        type="button"
        className="disclosure"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        <span className="disclosure__icon" aria-hidden>
          ▸
        </span>
        {label}
      </button>
      {open && children(panelId)}
    </div>
  );
}
