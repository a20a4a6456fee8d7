import { useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useCategories } from '../../queries';
import { AddCategoryForm } from './AddCategoryForm';
import { CategoryCard } from './CategoryCard';
import './categories.css';

export function CategoriesPage() {
  const categories = useCategories();
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <section className="page" aria-labelledby="categories-title">
      <div className="page__header">
        <h1 id="categories-title">Categories &amp; Rules</h1>
      </div>
      <p className="page__intro">
        Keywords are rules that sort new transactions: one whose description or merchant contains a keyword as a whole
        word goes to that category. A keyword added later is tried before older ones (the Rules page shows and changes
        the order); a transaction that matches none stays uncategorised. A keyword belongs to one category. The built-in
        categories are always there and cannot be renamed or deleted.
      </p>
      <AddCategoryForm />
      <p className="notice" role="status">
        {notice}
      </p>
      {categories.isPending ? (
        <p className="empty-state">Loading categories…</p>
      ) : categories.isError ? (
        <ErrorMessage
          error={categories.error}
          title="Could not load categories."
          onRetry={() => void categories.refetch()}
        />
      ) : (
        <ul className="category-list" aria-label="Categories">
          {categories.data.map((category) => (
            <CategoryCard key={category.id} category={category} onNotice={setNotice} />
          ))}
        </ul>
      )}
    </section>
  );
}
