import type { InvitationRow, InvitationsRepo, LinkKind } from '../store/repos/invitations-repo.js';
import type { Store } from '../store/store.js';
import { hashSecret, newId, newSecret } from '../security/tokens.js';

export const INVITATION_TTL_MS = 24 * 3600_000;

export interface LinkRequest {
  email: string;
  role: 'admin' | 'manager' | 'viewer';
  invitedBy: string | null;
  kind?: LinkKind;
  /** Accounts (host manager/viewer) or pixels (account manager) granted on acceptance. */
  assignments?: string[] | null;
}

export interface IssuedLink {
  row: InvitationRow;
  token: string;
  link: string;
  expires_at: number;
}

/** Where the hub opens a link: its invitation or its password-reset screen. */
export function linkUrl(publicUrl: string, kind: LinkKind, token: string): string {
  return `${publicUrl}/hub/#/${kind === 'reset' ? 'reset' : 'invite'}/${token}`;
}

/**
 * Single-use links (invitations and password resets): the token is shown once, in the link,
 * and stored as its hash; it expires after 24 hours. A new link for the same person and place
 * replaces the old one.
 */
export async function issueLink(
  place: InvitationsRepo,
  publicUrl: string,
  req: LinkRequest,
): Promise<IssuedLink> {
  const token = newSecret();
  const now = Date.now();
  const kind = req.kind ?? 'invitation';
  const row = await place.issue({
    id: newId(kind === 'reset' ? 'rst' : 'inv'),
    tokenHash: hashSecret(token),
    kind,
    email: req.email,
    role: req.role,
    invitedBy: req.invitedBy,
    assignments: req.assignments ?? null,
    createdAt: now,
    expiresAt: now + INVITATION_TTL_MS,
  });
  return { row, token, link: linkUrl(publicUrl, kind, token), expires_at: row.expiresAt };
}

/** Regenerates an invitation: same id and grants, a new secret and 24 hours; the old link dies. */
export async function rotateLink(
  place: InvitationsRepo,
  publicUrl: string,
  id: string,
): Promise<IssuedLink | undefined> {
  const token = newSecret();
  const row = await place.rotate(id, hashSecret(token), Date.now() + INVITATION_TTL_MS);
  if (!row) return undefined;
  return { row, token, link: linkUrl(publicUrl, row.kind, token), expires_at: row.expiresAt };
}

/** The unused, unexpired link behind a token, if any. */
export function findLink(store: Store, token: string): Promise<InvitationRow | undefined> {
  return store.linkTokens.find(hashSecret(token), Date.now());
}
