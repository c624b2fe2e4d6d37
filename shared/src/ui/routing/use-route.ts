import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { useHub } from '../hub-context';
import { parseRoute, routePath, type Route } from './routes';

/** The current route; re-renders on every navigation. */
export function useRoute(): Route {
  const { navigator } = useHub();
  const path = useSyncExternalStore(navigator.subscribe, navigator.path, navigator.path);
  return useMemo(() => parseRoute(path), [path]);
}

/** `go(route)` pushes a route; `go(route, { replace: true })` replaces the current one. */
export function useGo(): (route: Route, opts?: { replace?: boolean }) => void {
  const { navigator } = useHub();
  return useCallback((route, opts) => navigator.navigate(routePath(route), opts), [navigator]);
}
