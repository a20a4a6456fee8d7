import { useState, type SubmitEvent } from 'react';
import { keywordKey } from '../../../../db/rules/keywords.js';
import type { Category, Keyword } from '../../../../db/model.js';
import { fieldError } from '../../api';
import { useCategories } from '../../queries';
import { useCategoryMutations } from './useCategoryMutations';

/** The other categories that already have this keyword: adding it here would take it from them. */
function holdersOf(keyword: string, category: Category, all: readonly Category[] | undefined): string[] {
  const key = keywordKey(keyword.trim());
  if (!key) return [];
  return (all ?? [])
    .filter((c) => c.id !== category.id && c.keywords.some((k) => keywordKey(k.keyword) === key))
    .map((c) => c.name);
}

/** Only stores from the old app can hold a keyword twice; each copy says which one sorts. */
function clashNote(k: Keyword, category: Category): string {
  const others = k.alsoIn.join(' and ');
  return k.wins
    ? `“${k.keyword}” is also a keyword of ${others}; transactions with it come here, because this one was added last.`
    : `“${k.keyword}” is also a keyword of ${others}; transactions with it go there, not to ${category.name}, because that one was added last. Remove it from one of them.`;
}

export function KeywordEditor({ category }: { category: Category }) {
  const { addKeyword, removeKeyword } = useCategoryMutations();
  const categories = useCategories();
  const [keyword, setKeyword] = useState('');
  const failure = addKeyword.error ?? removeKeyword.error;
  const problem = failure ? fieldError(failure) : null;
  const errorId = `keywords-${category.id}-error`;
  const holdersId = `keywords-${category.id}-holders`;
  const holders = holdersOf(keyword, category, categories.data);
  const clashes = category.keywords.filter((k) => k.alsoIn.length > 0);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    removeKeyword.reset();
    addKeyword.mutate(
      { categoryId: category.id, keyword, move: holders.length > 0 },
      { onSuccess: () => setKeyword('') },
    );
  };

  return (
    <div className="keywords">
      {category.keywords.length === 0 ? (
        <p className="keywords__empty">No keywords yet.</p>
      ) : (
        <ul className="keywords__list" aria-label={`Keywords for ${category.name}`}>
          {category.keywords.map((k) => (
            <li key={k.id} className={k.alsoIn.length ? 'chip chip--clash' : 'chip'}>
              <span>{k.keyword}</span>
              {k.alsoIn.length > 0 && (
                <span className="chip__flag" aria-hidden>
                  {k.wins ? '⚠' : '⚠ not used'}
                </span>
              )}
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
      {clashes.map((k) => (
        <p key={k.id} className="keywords__clash">
          {clashNote(k, category)}
        </p>
      ))}
      <form className="inline-form inline-form--compact" onSubmit={submit}>
        <input
          className="input"
          placeholder="Add a keyword"
          aria-label={`New keyword for ${category.name}`}
          aria-invalid={problem ? true : undefined}
          aria-describedby={
            [problem ? errorId : null, holders.length ? holdersId : null].filter(Boolean).join(' ') || undefined
          }
          value={keyword}
          onChange={(event) => {
            setKeyword(event.target.value);
            if (addKeyword.isError) addKeyword.reset();
          }}
        />
        <button
          type="submit"
          className="button button--small"
          aria-label={holders.length ? `Move keyword to ${category.name}` : `Add keyword to ${category.name}`}
          disabled={addKeyword.isPending}
        >
          {holders.length ? 'Move here' : 'Add'}
        </button>
        {holders.length > 0 && !problem && (
          <p className="keywords__holders inline-form__error" id={holdersId} role="status">
            “{keyword.trim().toLowerCase()}” is a keyword of {holders.join(' and ')}, so transactions with it go there.
            “Move here” sends them to {category.name} instead.
          </p>
        )}
        {problem && (
          <p className="field__error inline-form__error" id={errorId} role="alert">
            {problem.message} {problem.remedy}
          </p>
        )}
      </form>
    </div>
  );
}
