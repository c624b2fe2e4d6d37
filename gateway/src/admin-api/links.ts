import type { LinkDto } from '@capgw/shared/schemas/tenancy';
import { issueLink, rotateLink, type IssuedLink, type LinkRequest } from '../auth/invitations.js';
import { invitationMail, resetMail } from '../mail/messages.js';
import type { Services } from '../services.js';
import type { InvitationsRepo } from '../store/repos/invitations-repo.js';

/**
 * Issues a single-use link and emails it when SMTP is configured. The answer carries the link
 * either way, as Meta's hub shows a copyable link even after emailing it.
 */
export async function deliverLink(
  gw: Services,
  place: InvitationsRepo,
  req: LinkRequest,
): Promise<LinkDto> {
  return mailLink(gw, await issueLink(place, gw.config.publicUrl, req));
}

/** A new secret for an open invitation (same id), emailed again; undefined if none is open. */
export async function deliverRotatedLink(
  gw: Services,
  place: InvitationsRepo,
  id: string,
): Promise<LinkDto | undefined> {
  const issued = await rotateLink(place, gw.config.publicUrl, id);
  return issued ? mailLink(gw, issued) : undefined;
}

async function mailLink(gw: Services, issued: IssuedLink): Promise<LinkDto> {
  const { row, link, token, expires_at } = issued;
  const hostName = (await gw.store.host.get()).name;
  const accountName = row.accountId
    ? ((await gw.store.accounts.get(row.accountId))?.name ?? null)
    : null;
  const mail =
    row.kind === 'reset'
      ? resetMail({ to: row.email, hostName, link, expiresAt: expires_at })
      : invitationMail({
          to: row.email,
          hostName,
          accountName,
          role: row.role,
          link,
          expiresAt: expires_at,
        });
  const emailed = await gw.mailer.send(mail);
  return { id: row.id, link, token, expires_at, emailed };
}

/** What the audit log keeps of a link: who and what for, never the secret. */
export function linkAuditView(row: {
  email: string;
  role: string;
  kind: string;
  assignments: string[] | null;
}) {
  return { email: row.email, role: row.role, kind: row.kind, assignments: row.assignments };
}
