import { useId, type InputHTMLAttributes, type ReactElement, type ReactNode } from 'react';

interface Props {
  label: string;
  error?: string | null | undefined;
  hint?: ReactNode;
  /** Receives the ids to wire the control to its label, hint and error. */
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactElement;
}

/** A labelled form control with its hint and validation message attached for screen readers. */
export function Field({ label, error, hint, children }: Props) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'children'>;

interface InputFieldProps extends InputProps {
  label: string;
  error?: string | null | undefined;
  hint?: ReactNode;
  value: string;
  onValueChange: (value: string) => void;
}

/** The common case of Field: one text-like input holding a string. */
export function InputField({ label, error, hint, value, onValueChange, className, ...input }: InputFieldProps) {
  return (
    <Field label={label} error={error} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <input
          {...input}
          id={id}
          className={className ? `input ${className}` : 'input'}
          value={value}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(event) => onValueChange(event.target.value)}
        />
      )}
    </Field>
  );
}
