import * as Select from '@radix-ui/react-select';
import { UNCATEGORISED_LABEL } from '../../../../db/model.js';
import { categoryLabel } from '../../format';

// Radix refuses '' as an item's value; a lone space can never be a category's
// name (names are trimmed), so it stands for none.
const NONE = ' ';

interface Props {
  description: string;
  value: string | null;
  /** Every category name, plus the current one if the store no longer lists it. */
  options: readonly string[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** null: no category. */
  onChange: (category: string | null) => void;
  /** Where focus goes when the list closes: back to the row, not the trigger. */
  onClosed: () => void;
}

/**
 * A Radix Select, mounted only while open. Closed, each row shows a plain
 * button that looks and is named the same: mounting a full Select for every
 * row scrolled into view made fast scrolling through large tables stutter.
 */
export function CategorySelect(props: Props) {
  const { description, value, open, onOpenChange } = props;
  if (open) return <OpenCategorySelect {...props} />;
  return (
    // Out of the tab order: the grid is one tab stop and the row opens this with Enter or "c".
    <button
      type="button"
      role="combobox"
      aria-label={`Category for ${description}`}
      aria-expanded={false}
      aria-haspopup="listbox"
      tabIndex={-1}
      className="category-trigger"
      data-placeholder={value ? undefined : ''}
      onClick={() => onOpenChange(true)}
    >
      <span>{categoryLabel(value)}</span>
      <span className="category-trigger__icon" aria-hidden>
        ▾
      </span>
    </button>
  );
}

function OpenCategorySelect({ description, value, options, onOpenChange, onChange, onClosed }: Props) {
  return (
    <Select.Root
      value={value || NONE}
      onValueChange={(picked) => onChange(picked === NONE ? null : picked)}
      open
      onOpenChange={onOpenChange}
    >
      <Select.Trigger
        className="category-trigger"
        aria-label={`Category for ${description}`}
        tabIndex={-1}
        data-placeholder={value ? undefined : ''}
      >
        <Select.Value />
        <Select.Icon className="category-trigger__icon" aria-hidden>
          ▾
        </Select.Icon>
      </Select.Trigger>
      <Select.Portal>
        <Select.Content
          className="select-content"
          position="popper"
          sideOffset={4}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            onClosed();
          }}
        >
          <Select.Viewport className="select-content__viewport">
            <Select.Item value={NONE} className="select-item select-item--none">
              <Select.ItemText>{UNCATEGORISED_LABEL}</Select.ItemText>
              <Select.ItemIndicator className="select-item__check" aria-hidden>
                ✓
              </Select.ItemIndicator>
            </Select.Item>
            {options.map((name) => (
              <Select.Item key={name} value={name} className="select-item">
                <Select.ItemText>{name}</Select.ItemText>
                <Select.ItemIndicator className="select-item__check" aria-hidden>
                  ✓
                </Select.ItemIndicator>
              </Select.Item>
            ))}
          </Select.Viewport>
        </Select.Content>
      </Select.Portal>
    </Select.Root>
  );
}
