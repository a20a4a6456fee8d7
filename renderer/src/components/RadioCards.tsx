// A choice of a few options as cards, each with a label and a hint that name
// and describe its radio button.
import { useId, type ReactNode } from 'react';

export interface RadioCard<T extends string> {
  value: T;
  label: ReactNode;
  hint: ReactNode;
}

interface Props<T extends string> {
  /** The radio buttons' shared name. */
  name: string;
  legend: string;
  /** Extra classes for the fieldset. */
  className: string;
  disabled?: boolean;
  options: readonly RadioCard<T>[];
  value: T;
  onChange: (value: T) => void;
}

export function RadioCards<T extends string>({
  name,
  legend,
  className,
  disabled,
  options,
  value,
  onChange,
}: Props<T>) {
  const id = useId();
  return (
    <fieldset className={`field ${className}`} disabled={disabled}>
      <legend className="field__label">{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="radio-card">
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            aria-labelledby={`${id}-${option.value}-label`}
            aria-describedby={`${id}-${option.value}-hint`}
            onChange={() => onChange(option.value)}
          />
          <span className="radio-card__label" id={`${id}-${option.value}-label`}>
            {option.label}
          </span>
          <span className="radio-card__hint" id={`${id}-${option.value}-hint`}>
            {option.hint}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
