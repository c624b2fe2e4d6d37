import type { ReactNode } from 'react';

export type Tone = 'neutral' | 'ok' | 'warn' | 'bad' | 'info';

export function Badge({
  tone = 'neutral',
  plain,
  children,
}: {
  tone?: Tone;
  plain?: boolean;
  children: ReactNode;
}) {
  const cls = ['badge', tone !== 'neutral' && tone, plain && 'plain'].filter(Boolean).join(' ');
  return <span className={cls}>{children}</span>;
}
