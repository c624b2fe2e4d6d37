import type { ReactNode } from 'react';

/** The page's one h1, a line on what the page is for, and its main actions. */
export function PageHeader({
  title,
  description,
  actions,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="page-header">
      <div>
        <h1 id="page-title">{title}</h1>
        {description && <div className="page-desc">{description}</div>}
      </div>
      {actions && <div className="actions">{actions}</div>}
    </div>
  );
}
