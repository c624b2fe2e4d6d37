import type { InvitationRow } from '../store/repos/invitations-repo.js';
import type { Store } from '../store/store.js';

/**
 * What accepting an invitation gives: a role in one account (managers with their pixels) or on
 * the host (managers and viewers with their accounts). Grants naming pixels or accounts that
 * were deleted since the invitation are dropped. Returns false when the account is gone.
 * Runs inside the caller's transaction.
 */
export async function grantInvitation(
  store: Store,
  inv: InvitationRow,
  userId: string,
  now: number,
): Promise<{ granted: boolean; activatedAccount: boolean }> {
  if (inv.scope === 'host') {
    await store.users.setHostRole(userId, inv.role);
    const wanted = inv.role === 'admin' ? [] : (inv.assignments ?? []);
    const existing = (await store.accounts.list(wanted)).map((a) => a.id);
    await store.users.setHostAssignedAccounts(userId, existing);
    return { granted: true, activatedAccount: false };
  }
  const account = inv.accountId ? await store.accounts.get(inv.accountId) : undefined;
  if (!account) return { granted: false, activatedAccount: false };
  const scope = store.account(account.id);
  await scope.setMember(userId, inv.role);
  const wanted = inv.role === 'manager' ? (inv.assignments ?? []) : [];
  const pixels = wanted.length > 0 ? (await scope.listPixels(wanted)).map((p) => p.pixelId) : [];
  await scope.setAssignedPixels(userId, pixels);
  // An unmanaged account is "setup in progress" until its invited admin arrives.
  const activate = account.status === 'setup' && inv.role === 'admin';
  if (activate) await store.accounts.update(account.id, { status: 'active', updatedAt: now });
  return { granted: true, activatedAccount: activate };
}
