/**
 * Where the screens are and how they move: the only way components reach the location. The
 * hub passes a hash navigator over `window`; the desktop app or a test passes a memory one.
 */
export interface Navigator {
  /** The current path, e.g. `/accounts/acc_1` (no `#`). */
  path(): string;
  navigate(path: string, opts?: { replace?: boolean }): void;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** The href of a path, for real links (middle-click, copy link). */
  href(path: string): string;
}

/** Paths in `location.hash`, so the server only ever serves index.html. */
export function createHashNavigator(win: Window): Navigator {
  const read = () => {
    const h = win.location.hash.replace(/^#/, '');
    return h.startsWith('/') ? h : `/${h}`;
  };
  return {
    path: read,
    navigate(path, opts) {
      if (path === read()) return;
      if (opts?.replace) {
        const url = `${win.location.pathname}${win.location.search}#${path}`;
        win.history.replaceState(null, '', url);
        // replaceState fires no hashchange; tell listeners ourselves.
        win.dispatchEvent(new HashChangeEvent('hashchange'));
      } else {
        win.location.hash = path;
      }
    },
    subscribe(listener) {
      win.addEventListener('hashchange', listener);
      return () => win.removeEventListener('hashchange', listener);
    },
    href: (path) => `#${path}`,
  };
}

/** An in-memory navigator: the desktop app's and the tests'. */
export function createMemoryNavigator(initial = '/'): Navigator & { history: string[] } {
  const history = [initial];
  const listeners = new Set<() => void>();
  return {
    history,
    path: () => history[history.length - 1]!,
    navigate(path, opts) {
      if (opts?.replace) history[history.length - 1] = path;
      else history.push(path);
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    href: (path) => `#${path}`,
  };
}
