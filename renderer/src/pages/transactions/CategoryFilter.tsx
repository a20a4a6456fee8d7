import { useEffect, useId, useRef, useState } from 'react';
import { UNCATEGORISED_LABEL } from '../../../../db/model.js';

interface Props {
  names: readonly string[];
  selected: readonly string[];
  /** Rows with no category, shown alongside the chosen categories. */
  uncategorised: boolean;
  onChange: (change: { categories?: string[]; uncategorised?: boolean }) => void;
}

function summary(selected: readonly string[], uncategorised: boolean): string {
  const all = uncategorised ? [UNCATEGORISED_LABEL, ...selected] : selected;
  if (all.length === 0) return 'Any';
  if (all.length === 1) return all[0] ?? '';
  return `${all.length} selected`;
}

/** A checkbox list in a popover: closes on Escape, on a click outside, or when focus leaves it. */
export function CategoryFilter({ names, selected, uncategorised, onChange }: Props) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const closeOnOutside = (event: PointerEvent) => {
      if (event.target instanceof Node && !rootRef.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', closeOnOutside);
    return () => document.removeEventListener('pointerdown', closeOnOutside);
  }, [open]);

  const toggle = (name: string, checked: boolean) =>
    onChange({ categories: checked ? [...selected, name] : selected.filter((n) => n !== name) });

  return (
    <div
      ref={rootRef}
      className="popover-anchor"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
      onBlur={(event) => {
        if (!(event.relatedTarget instanceof Node) || !rootRef.current?.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <span className="filter__label" aria-hidden>
        Categories
      </span>
      <button
        ref={buttonRef}
        type="button"
        className="input input--button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`Categories: ${summary(selected, uncategorised)}`}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="input--button__text">{summary(selected, uncategorised)}</span>
        <span aria-hidden>▾</span>
      </button>
      {open && (
        <div id={panelId} className="popover" role="group" aria-label="Show only these categories">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={uncategorised}
              onChange={(event) => onChange({ uncategorised: event.target.checked })}
            />
            {UNCATEGORISED_LABEL}
          </label>
          {names.map((name) => (
            <label key={name} className="checkbox">
              <input
                type="checkbox"
                checked={selected.includes(name)}
                onChange={(event) => toggle(name, event.target.checked)}
              />
              {name}
            </label>
          ))}
          <button
            type="button"
            className="button button--small"
            onClick={() => onChange({ categories: [], uncategorised: false })}
          >
            Any category
          </button>
        </div>
      )}
    </div>
  );
}
