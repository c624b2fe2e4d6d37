import { useEffect, useRef, type ReactNode } from 'react';
import { Toasts } from '../components/Toasts';
import { useHub } from '../hub-context';
import { Sidebar } from './Sidebar';
import { Topbar } from './Topbar';

/** The signed-in frame: sidebar, top bar, the page, and the toasts' live region. */
export function AppShell({ children }: { children: ReactNode }) {
  const { navigator } = useHub();
  const main = useRef<HTMLElement>(null);

  // After a navigation, focus moves to the new page so screen readers start reading there,
  // as they would after a full page load.
  useEffect(() => {
    return navigator.subscribe(() => main.current?.focus({ preventScroll: true }));
  }, [navigator]);

  return (
    <div className="shell">
      {/* A button, not href="#main": the hash is the router's. */}
      <button type="button" className="skip-link btn" onClick={() => main.current?.focus()}>
        Skip to content
      </button>
      <Sidebar />
      <div className="main">
        <Topbar />
        <main ref={main} id="main" className="page" tabIndex={-1} aria-labelledby="page-title">
          {children}
        </main>
      </div>
      <Toasts />
    </div>
  );
}
