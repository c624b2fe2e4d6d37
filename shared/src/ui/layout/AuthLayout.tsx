import type { ReactNode } from 'react';
import { useSession } from '../hub-context';
import { Brand } from './Brand';
import { Toasts } from '../components/Toasts';

/** The frame of the signed-out screens: one centred card. */
export function AuthLayout({
  title,
  intro,
  children,
  foot,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  foot?: ReactNode;
}) {
  const hostName = useSession((s) => s.hostName);
  return (
    <main className="auth" aria-labelledby="page-title">
      <div className="auth-card">
        <Brand subtitle={hostName || 'Conversions API Gateway'} />
        <div>
          <h1 id="page-title">{title}</h1>
          {intro && (
            <p className="muted" style={{ marginTop: 4 }}>
              {intro}
            </p>
          )}
        </div>
        {children}
        {foot && <div className="auth-foot">{foot}</div>}
      </div>
      <Toasts />
    </main>
  );
}
