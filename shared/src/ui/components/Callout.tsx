import type { ReactNode } from 'react';
import { Icon } from './Icon';

export interface CalloutProps {
  tone?: 'info' | 'warn' | 'bad' | 'ok';
  title?: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
}

/** A notice inside a page. Problems (bad) are announced as alerts when they appear. */
export function Callout({ tone = 'info', title, children, actions }: CalloutProps) {
  return (
    <div className={`callout ${tone}`} role={tone === 'bad' ? 'alert' : undefined}>
      <Icon name={tone === 'info' || tone === 'ok' ? 'shield' : 'alert'} size={18} />
      <div className="body">
        {title && <strong className="callout-title">{title}</strong>}
        {children}
      </div>
      {actions}
    </div>
  );
}
