import type { Me } from '../api/types';
import type { SessionPhase } from '../stores/session-store';
import { PUBLIC_ROUTES, routePath, type Route } from './routes';

/**
 * The path a person in this session phase is sent to instead of `route`, or null when the
 * route is fine. Pure, so the rules are tested without rendering.
 */
export function redirectFor(phase: SessionPhase, route: Route, me: Me | null): string | null {
  switch (phase) {
    case 'booting':
    case 'unreachable':
      return null;
    case 'unclaimed':
      return route.name === 'setup' ? null : '/setup';
    case 'signed-out':
      if (route.name === 'setup') return '/login';
      if (PUBLIC_ROUTES.has(route.name)) return null;
      return routePath(
        route.name === 'home' ? { name: 'login' } : { name: 'login', next: routePath(route) },
      );
    case 'signed-in':
      // Back to where a lapsed session interrupted the person, if it is a page of the hub.
      if (route.name === 'login' && route.next?.startsWith('/')) return route.next;
      if (['setup', 'login', 'forgot', 'home'].includes(route.name)) return routePath(homeOf(me));
      return null;
  }
}

/** The first screen after sign-in: the host's account list, or the person's only account. */
export function homeOf(me: Me | null): Route {
  const only = me?.accounts.length === 1 ? me.accounts[0] : undefined;
  if (!me?.host_role && only) return { name: 'account', accountId: only.id, tab: 'overview' };
  return { name: 'accounts' };
}
