import { useState } from 'react';
import type { Category } from '../../../../db/model.js';
import { plural } from '../../format';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { KeywordEditor } from './KeywordEditor';
import { RenameCategoryForm } from './RenameCategoryForm';
import { useCategoryMutations } from './useCategoryMutations';

interface Props {
  category: Category;
  onNotice: (message: string) => void;
}

export function CategoryCard({ category, onNotice }: Props) {
  const { remove } = useCategoryMutations();
  const [renaming, setRenaming] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const headingId = `category-${category.id}`;

  return (
    <li className="card category-card" aria-labelledby={headingId}>
      <div className="category-card__header">
        {renaming ? (
          <RenameCategoryForm category={category} onDone={() => setRenaming(false)} />
        ) : (
          <>
            <h2 className="category-card__name" id={headingId}>
              {category.name}
            </h2>
            {category.isDefault ? (
              <span className="badge" title="Built-in categories cannot be renamed or deleted">
                Built-in
              </span>
            ) : (
              <div className="category-card__actions">
                <button
                  type="button"
                  className="button button--small"
                  aria-label={`Rename ${category.name}`}
                  onClick={() => setRenaming(true)}
                >
                  Rename
                </button>
                <button
                  type="button"
                  className="button button--small button--danger-quiet"
                  aria-label={`Delete ${category.name}`}
                  onClick={() => setConfirmingDelete(true)}
                >
                  Delete
                </button>
              </div>
            )}
          </>
        )}
      </div>
      <KeywordEditor category={category} />
      <ConfirmDialog
        open={confirmingDelete}
        onOpenChange={setConfirmingDelete}
        title={`Delete category “${category.name}”?`}
        description="Its transactions become uncategorised and its keywords are removed. This cannot be undone."
        confirmLabel="Delete category"
        onConfirm={async () => {
          const { moved } = await remove.mutateAsync(category.id);
          onNotice(`Deleted “${category.name}”. ${plural(moved, 'transaction')} now uncategorised.`);
        }}
      />
    </li>
  );
}
