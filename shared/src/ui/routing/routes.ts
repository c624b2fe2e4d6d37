// The hub's places, as hash paths (`#/accounts/acc_1/pixels`). Hash routing because the links
// the gateway mails out are `/hub/#/invite/<token>`, and because a static server then needs no
// fallback route. The desktop app reuses the same paths over a memory navigator.

export const ACCOUNT_TABS = [
  'overview',
  'pixels',
  'users',
  'domains',
  'activity',
  'settings',
] as const;
export type AccountTab = (typeof ACCOUNT_TABS)[number];

export type Route =
  | { name: 'setup' }
  | { name: 'login'; next?: string }
  | { name: 'forgot' }
  | { name: 'reset'; token: string }
  | { name: 'invite'; token: string }
  | { name: 'home' }
  | { name: 'accounts' }
  | { name: 'host-users' }
  | { name: 'api-accounts' }
  | { name: 'host-settings' }
  | { name: 'host-activity' }
  | { name: 'profile' }
  | { name: 'account'; accountId: string; tab: AccountTab }
  | { name: 'pixel'; accountId: string; pixelId: string }
  | { name: 'not-found'; path: string };

/** Routes that render without a signed-in person. */
export const PUBLIC_ROUTES: ReadonlySet<Route['name']> = new Set([
  'setup',
  'login',
  'forgot',
  'reset',
  'invite',
]);

const isTab = (s: string | undefined): s is AccountTab =>
  (ACCOUNT_TABS as readonly string[]).includes(s ?? '');

/** Parses a path such as `/accounts/acc_1/pixels/123?x=1` (no leading `#`). */
export function parseRoute(path: string): Route {
  const [pathname = '', query = ''] = path.split('?');
  const parts = pathname
    .split('/')
    .filter(Boolean)
    .map((p) => decodeURIComponent(p));
  const [a, b, c, d] = parts;
  const n = parts.length;
  if (n === 0) return { name: 'home' };
  if (a === 'setup' && n === 1) return { name: 'setup' };
  if (a === 'login' && n === 1) {
    const next = new URLSearchParams(query).get('next');
    return next ? { name: 'login', next } : { name: 'login' };
  }
  if (a === 'forgot' && n === 1) return { name: 'forgot' };
  if (a === 'reset' && b && n === 2) return { name: 'reset', token: b };
  if (a === 'invite' && b && n === 2) return { name: 'invite', token: b };
  if (a === 'profile' && n === 1) return { name: 'profile' };
  if (a === 'host' && n === 2) {
    if (b === 'users') return { name: 'host-users' };
    if (b === 'api-accounts') return { name: 'api-accounts' };
    if (b === 'settings') return { name: 'host-settings' };
    if (b === 'activity') return { name: 'host-activity' };
  }
  if (a === 'accounts') {
    if (n === 1) return { name: 'accounts' };
    if (b && n === 2) return { name: 'account', accountId: b, tab: 'overview' };
    if (b && c === 'pixels' && d && n === 4) return { name: 'pixel', accountId: b, pixelId: d };
    if (b && isTab(c) && n === 3) return { name: 'account', accountId: b, tab: c };
  }
  return { name: 'not-found', path };
}

const seg = encodeURIComponent;

/** The path of a route; parseRoute(routePath(r)) gives r back. */
export function routePath(r: Route): string {
  switch (r.name) {
    case 'home':
      return '/';
    case 'login':
      return r.next ? `/login?next=${seg(r.next)}` : '/login';
    case 'reset':
    case 'invite':
      return `/${r.name}/${seg(r.token)}`;
    case 'host-users':
      return '/host/users';
    case 'api-accounts':
      return '/host/api-accounts';
    case 'host-settings':
      return '/host/settings';
    case 'host-activity':
      return '/host/activity';
    case 'account':
      return `/accounts/${seg(r.accountId)}${r.tab === 'overview' ? '' : `/${r.tab}`}`;
    case 'pixel':
      return `/accounts/${seg(r.accountId)}/pixels/${seg(r.pixelId)}`;
    case 'not-found':
      return r.path;
    default:
      return `/${r.name}`;
  }
}
