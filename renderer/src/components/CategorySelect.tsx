import type { ComponentProps } from 'react';
import { useCategories } from '../queries';

type Props = Omit<ComponentProps<'select'>, 'children' | 'onChange'> & {
  value: string;
  /** The chosen category's name, or '' for none. */
  onChange: (name: string) => void;
};

/** A category picked by name from the store's categories, starting at "Choose…". */
export function CategorySelect({ onChange, className = 'input', ...props }: Props) {
  const categories = useCategories();
  return (
    <select {...props} className={className} onChange={(event) => onChange(event.target.value)}>
      <option value="">Choose…</option>
      {(categories.data ?? []).map((c) => (
        <option key={c.id} value={c.name}>
          {c.name}
        </option>
      ))}
    </select>
  );
}
