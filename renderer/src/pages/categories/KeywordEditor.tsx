import { useState, type SubmitEvent } from 'react';
import type { Category } from '../../../../db/model.js';
import { fieldError } from '../../api';
import { useCategoryMutations } from './useCategoryMutations';

export function KeywordEditor({ category }: { category: Category }) {
  const { addKeyword, removeKeyword } = useCategoryMutations();
  const [keyword, setKeyword] = useState('');
  const failure = addKeyword.error ?? removeKeyword.error;
  const problem = failure ? fieldError(failure) : null;
  const errorId = `keywords-${category.id}-error`;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    removeKeyword.reset();
    addKeyword.mutate({ categoryId: category.id, keyword }, { onSuccess: () => setKeyword('') });
  };

  return (
    <div className="keywords">
      {category.keywords.length === 0 ? (
        <p className="keywords__empty">No keywords yet.</p>
      ) : (
        <ul className="keywords__list" aria-label={`Keywords for ${category.name}`}>
          {category.keywords.map((k) => (
            <li key={k.id} className="chip">
              <span>{k.keyword}</span>
              <button
                type="button"
                className="chip__remove"
                aria-label={`Remove keyword ${k.keyword} from ${category.name}`}
                disabled={removeKeyword.isPending}
                onClick={() => {
                  addKeyword.reset();
                  removeKeyword.mutate(k.id);
                }}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form inline-form--compact" onSubmit={submit}>
        <input
          className="input"
          placeholder="Add a keyword"
          aria-label={`New keyword for ${category.name}`}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? errorId : undefined}
          value={keyword}
          onChange={(event) => setKeyword(event.target.value)}
        />
        <button
          type="submit"
          className="button button--small"
          aria-label={`Add keyword to ${category.name}`}
          disabled={addKeyword.isPending}
        >
          Add
        </button>
        {problem && (
          <p className="field__error inline-form__error" id={errorId} role="alert">
            {problem.message} {problem.remedy}
          </p>
        )}
      </form>
    </div>
  );
}
