import { useState, type SubmitEvent } from 'react';
import type { Category } from '../../../../db/model.js';
import { fieldError } from '../../api';
import { useCategoryMutations } from './useCategoryMutations';

interface Props {
  category: Category;
  onDone: () => void;
}

export function RenameCategoryForm({ category, onDone }: Props) {
  const { rename } = useCategoryMutations();
  const [name, setName] = useState(category.name);
  const problem = rename.isError ? fieldError(rename.error) : null;
  const errorId = `rename-${category.id}-error`;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (name.trim() === category.name) onDone();
    else rename.mutate({ id: category.id, name }, { onSuccess: onDone });
  };

  return (
    <form
      className="inline-form inline-form--compact"
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onDone();
      }}
    >
      <input
        className="input"
        aria-label={`New name for ${category.name}`}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? errorId : undefined}
        // Renaming is the only thing this form is for, so focus goes straight to it.
        autoFocus
        value={name}
        onChange={(event) => {
          setName(event.target.value);
          if (rename.isError) rename.reset();
        }}
      />
      <button type="submit" className="button button--small button--primary" disabled={rename.isPending}>
        Save
      </button>
      <button type="button" className="button button--small" onClick={onDone}>
        Cancel
      </button>
      {problem && (
        <p className="field__error inline-form__error" id={errorId} role="alert">
          {problem.message} {problem.remedy}
        </p>
      )}
    </form>
  );
}
