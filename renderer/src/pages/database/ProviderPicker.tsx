// Which way of running PostgreSQL the card below shows. Radio buttons under
// the hood: one tab stop, arrow keys move between them, and the choice is
// announced, without a tabs library. Each input lies, transparent, over its
// label, so a click anywhere on the option lands on the input itself.
import { PROVIDER_LABELS, PROVIDERS, type Provider } from './useDatabase';

const HINTS: Record<Provider, string> = {
  docker: 'Spending runs PostgreSQL in a Docker container. Needs Docker.',
  embedded: 'Spending runs PostgreSQL from files it ships with, on this computer.',
  external: 'A PostgreSQL server you already have. Spending only connects to it.',
};

interface Props {
  value: Provider | null;
  /** The provider holding the app's data, marked so it is not stopped by mistake. */
  inUse: Provider | null;
  /** While a server starts or stops, so its progress stays in view. */
  disabled: boolean;
  onChange: (provider: Provider) => void;
  /** For a second picker on the page: radios sharing a name would act as one group. */
  name?: string;
  label?: string;
}

export function ProviderPicker({
  value,
  inUse,
  disabled,
  onChange,
  name = 'postgres-provider',
  label = 'How to run PostgreSQL',
}: Props) {
  return (
    <div className="provider-picker">
      <div className="segmented-control" role="radiogroup" aria-label={label}>
        {PROVIDERS.map((provider) => (
          <label key={provider} className="segmented-control__option">
            <input
              type="radio"
              name={name}
              className="segmented-control__input"
              value={provider}
              checked={value === provider}
              disabled={disabled}
              onChange={() => onChange(provider)}
            />
            {PROVIDER_LABELS[provider]}
            {inUse === provider && <span className="segmented-control__tag"> (in use)</span>}
          </label>
        ))}
      </div>
      {value && <p className="db-muted">{HINTS[value]}</p>}
    </div>
  );
}
