import type { HubApi } from './hub-api';
import { createFetchTransport } from './fetch-transport';
import type * as T from './types';

const enc = encodeURIComponent;
const acc = (id: string) => `/accounts/${enc(id)}`;
const px = (id: string, pixelId: string) => `${acc(id)}/pixels/${enc(pixelId)}`;

/** `?a=1&b=x` of the defined values, or '' when there are none. */
function queryString(query: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * The hub's HubApi: fetch to `${baseUrl}/api/v1` with the session cookie and CSRF header.
 * `baseUrl` is '' when the hub is served by the gateway itself.
 */
export function createFetchApi(baseUrl: string, fetchImpl?: typeof fetch): HubApi {
  const t = createFetchTransport(baseUrl, fetchImpl);
  const get = <R>(path: string) => t.request<R>('GET', path);
  const post = <R>(path: string, body: unknown = {}) => t.request<R>('POST', path, body);
  const patch = <R>(path: string, body: unknown) => t.request<R>('PATCH', path, body);
  const del = (path: string) => t.request<void>('DELETE', path);
  const none = async (p: Promise<unknown>) => void (await p);

  return {
    status: () => get('/status'),
    setup: (body) => none(post('/setup', body)),
    login: (body) => post('/auth/login', body),
    async logout() {
      try {
        await post('/auth/logout');
      } finally {
        t.reset();
      }
    },
    logoutEverywhere: async () => {
      await post('/auth/logout-all');
      t.reset();
    },
    me: () => get('/me'),
    changePassword: (body) => none(post('/auth/password', body)),
    requestReset: (body) => none(post('/auth/reset-request', body)),
    resetPassword: (body) => none(post('/auth/reset', body)),
    totpSetup: () => post('/auth/totp/setup'),
    totpEnable: (code) => none(post('/auth/totp/enable', { code })),
    totpDisable: (code) => none(post('/auth/totp/disable', { code })),

    lookupInvitation: (token) => get(`/invitations/lookup?token=${enc(token)}`),
    acceptInvitation: (body) => post('/invitations/accept', body),

    listAccounts: async () => (await get<{ accounts: T.AccountListItem[] }>('/accounts')).accounts,
    createAccount: (body) => post('/accounts', body),
    getAccount: (id) => get(acc(id)),
    updateAccount: (id, body) => patch(acc(id), body),
    deleteAccount: (id) => del(acc(id)),
    setManaged: (id, managed) => post(`${acc(id)}/managed`, { managed }),
    resendSetupInvitation: (id, email) =>
      post(`${acc(id)}/setup-invitation`, email ? { email } : {}),
    metrics: (id, minutes) => get(`${acc(id)}/metrics?minutes=${minutes}`),

    listPixels: async (id) => (await get<{ pixels: T.PixelDto[] }>(`${acc(id)}/pixels`)).pixels,
    getPixel: (id, pixelId) => get(px(id, pixelId)),
    createPixel: (id, body) => post(`${acc(id)}/pixels`, body),
    updatePixel: (id, pixelId, body) => patch(px(id, pixelId), body),
    deletePixel: (id, pixelId) => del(px(id, pixelId)),
    rotateAccessKey: (id, pixelId) => post(`${px(id, pixelId)}/access-key`),
    pixelErrors: async (id, pixelId) =>
      (await get<{ errors: T.PixelError[] }>(`${px(id, pixelId)}/errors`)).errors,

    listAccountUsers: async (id) =>
      (await get<{ users: T.AccountUser[] }>(`${acc(id)}/users`)).users,
    inviteAccountUser: (id, body) => post(`${acc(id)}/invitations`, body),
    regenerateInvitation: (id, inv) => post(`${acc(id)}/invitations/${enc(inv)}/regenerate`),
    revokeInvitation: (id, inv) => del(`${acc(id)}/invitations/${enc(inv)}`),
    updateAccountUser: (id, user, body) => none(patch(`${acc(id)}/users/${enc(user)}`, body)),
    removeAccountUser: (id, user) => del(`${acc(id)}/users/${enc(user)}`),
    userResetLink: (id, user) => post(`${acc(id)}/users/${enc(user)}/reset-link`),

    listDomains: async (id) => (await get<{ domains: T.Domain[] }>(`${acc(id)}/domains`)).domains,
    addDomain: (id, body) => post(`${acc(id)}/domains`, body),
    removeDomain: (id, domainId) => del(`${acc(id)}/domains/${enc(domainId)}`),

    listHostUsers: async () => (await get<{ users: T.HostUser[] }>('/host/users')).users,
    inviteHostUser: (body) => post('/host/invitations', body),
    regenerateHostInvitation: (inv) => post(`/host/invitations/${enc(inv)}/regenerate`),
    revokeHostInvitation: (inv) => del(`/host/invitations/${enc(inv)}`),
    updateHostUser: (id, body) => none(patch(`/host/users/${enc(id)}`, body)),
    removeHostUser: (id) => del(`/host/users/${enc(id)}`),
    hostUserResetLink: (id) => post(`/host/users/${enc(id)}/reset-link`),
    hostSettings: () => get('/host/settings'),
    updateHostSettings: (body) => patch('/host/settings', body),
    listApiAccounts: async () =>
      (await get<{ api_accounts: T.ApiAccount[] }>('/api-accounts')).api_accounts,
    createApiAccount: (body) => post('/api-accounts', body),
    deleteApiAccount: (id) => del(`/api-accounts/${enc(id)}`),

    auditLog: (query) => get(`/audit${queryString(query)}`),
  };
}
