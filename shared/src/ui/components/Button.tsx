import type { ButtonHTMLAttributes } from 'react';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'danger' | 'danger-solid' | 'ghost';
  size?: 'md' | 'sm';
  block?: boolean;
  /** Shows a spinner and blocks clicks while a request runs. */
  busy?: boolean;
}

const VARIANT = {
  primary: 'btn-primary',
  secondary: '',
  danger: 'btn-danger',
  'danger-solid': 'btn-danger btn-solid',
  ghost: 'btn-ghost',
} as const;

export function Button({
  variant = 'secondary',
  size = 'md',
  block,
  busy,
  disabled,
  className,
  children,
  type = 'button',
  ...rest
}: ButtonProps) {
  const cls = ['btn', VARIANT[variant], size === 'sm' && 'btn-sm', block && 'btn-block', className]
    .filter(Boolean)
    .join(' ');
  return (
    <button
      type={type}
      className={cls}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy && <span className="spinner" aria-hidden="true" />}
      {children}
    </button>
  );
}
