import type { ReactNode } from 'react';

export interface CardProps {
  title?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  /** Content touches the card's edges (tables). */
  flush?: boolean;
  children: ReactNode;
  labelledBy?: string;
}

/** A titled section of a page; its title names the region for screen readers. */
export function Card({ title, description, actions, flush, children }: CardProps) {
  return (
    <section className="card">
      {(title || actions) && (
        <header className="card-head">
          <div>
            {title && <h2>{title}</h2>}
            {description && <p>{description}</p>}
          </div>
          {actions && <div className="actions">{actions}</div>}
        </header>
      )}
      <div className={flush ? 'card-body flush' : 'card-body'}>{children}</div>
    </section>
  );
}
