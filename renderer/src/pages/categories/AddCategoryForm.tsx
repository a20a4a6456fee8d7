import { useState, type SubmitEvent } from 'react';
import { fieldError } from '../../api';
import { useCategoryMutations } from './useCategoryMutations';

export function AddCategoryForm() {
  const { add } = useCategoryMutations();
  const [name, setName] = useState('');

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    add.mutate(name, { onSuccess: () => setName('') });
  };
  const problem = add.isError ? fieldError(add.error) : null;

  return (
    <form className="inline-form" onSubmit={submit} aria-label="Add category">
      <label className="inline-form__label" htmlFor="new-category-name">
        New category
      </label>
      <input
        id="new-category-name"
        className="input"
        value={name}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? 'new-category-error' : undefined}
        onChange={(event) => {
          setName(event.target.value);
          if (add.isError) add.reset();
        }}
      />
      <button type="submit" className="button button--primary" disabled={add.isPending}>
        Add category
      </button>
      {problem && (
        <p className="field__error inline-form__error" id="new-category-error" role="alert">
          {problem.message} {problem.remedy}
        </p>
      )}
    </form>
  );
}
