import type { Store } from '../store/store.js';

/** The signed-in person as the hub needs it: identity, host role, accounts with their roles. */
export async function describeMe(store: Store, userId: string) {
  const user = await store.users.byId(userId);
  const memberships = await store.accounts.memberships(userId);
  const accounts = await store.accounts.list(memberships.map((m) => m.accountId));
  const role = new Map(memberships.map((m) => [m.accountId, m.role]));
  return {
    user: { id: userId, email: user?.email ?? '', totp_enabled: Boolean(user?.totpSecretEnc) },
    host_role: (await store.users.hostRole(userId)) ?? null,
    accounts: accounts.map((a) => ({ id: a.id, name: a.name, role: role.get(a.id)! })),
  };
}
