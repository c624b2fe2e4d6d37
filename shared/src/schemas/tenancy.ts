import { z } from 'zod';
import { Email, Password, Role } from './admin.js';
import { PixelId } from './intake.js';

// Bodies and answers of the tenancy endpoints of /api/v1 (docs/api.md): sign-in security,
// invitations, users of accounts and of the host, host settings, API accounts, audit, domains.
// The gateway validates with these; the hub and the desktop app type their calls with them.

const Id = z.string().min(1).max(64);
const TotpCode = z.string().regex(/^\d{6}$/, 'six digits');

// ---- Signing in -------------------------------------------------------------------------

/** GET /me, and the answer of login and invitation acceptance (which add the CSRF token). */
export const MeDto = z.object({
  user: z.object({ id: z.string(), email: z.string(), totp_enabled: z.boolean() }),
  host_role: Role.nullable(),
  accounts: z.array(z.object({ id: z.string(), name: z.string(), role: Role })),
  csrf_token: z.string().nullable().optional(),
  token: z.string().optional(),
  token_expires_at: z.number().optional(),
});
export type MeDto = z.infer<typeof MeDto>;

export const PasswordChangeBody = z.object({
  current_password: z.string().min(1).max(256),
  new_password: Password,
});
export type PasswordChangeBody = z.infer<typeof PasswordChangeBody>;

export const ResetRequestBody = z.object({ email: Email });
export type ResetRequestBody = z.infer<typeof ResetRequestBody>;

export const ResetBody = z.object({ token: z.string().min(1).max(200), password: Password });
export type ResetBody = z.infer<typeof ResetBody>;

export const TotpSetupDto = z.object({ secret: z.string(), otpauth_url: z.string() });
export type TotpSetupDto = z.infer<typeof TotpSetupDto>;

export const TotpCodeBody = z.object({ code: TotpCode });
export type TotpCodeBody = z.infer<typeof TotpCodeBody>;

// ---- Invitations and single-use links ---------------------------------------------------

/** Every link-issuing answer: the link is shown even when it was emailed (as Meta's hub does). */
export const LinkDto = z.object({
  id: z.string(),
  link: z.string(),
  token: z.string(),
  expires_at: z.number(),
  emailed: z.boolean(),
});
export type LinkDto = z.infer<typeof LinkDto>;

export const InvitationLookupQuery = z.object({ token: z.string().min(1).max(200) });
export type InvitationLookupQuery = z.infer<typeof InvitationLookupQuery>;

export const InvitationLookupDto = z.object({
  kind: z.enum(['invitation', 'reset']),
  email: z.string(),
  scope: z.enum(['host', 'account']),
  role: Role,
  account_name: z.string().nullable(),
  expires_at: z.number(),
  /** True when the email already signs in here: accepting then asks for the current password. */
  existing_user: z.boolean(),
});
export type InvitationLookupDto = z.infer<typeof InvitationLookupDto>;

export const InvitationAcceptBody = z.object({
  token: z.string().min(1).max(200),
  /** A new password for a new person; the current password for someone who already signs in. */
  password: z.string().min(1).max(256),
  totp: TotpCode.optional(),
});
export type InvitationAcceptBody = z.infer<typeof InvitationAcceptBody>;

export const AccountInvitationBody = z.object({
  email: Email,
  role: Role,
  /** For managers: the pixels they may change. */
  pixel_ids: z.array(PixelId).max(500).optional(),
});
export type AccountInvitationBody = z.infer<typeof AccountInvitationBody>;

export const HostInvitationBody = z.object({
  email: Email,
  role: Role,
  /** For host managers and viewers: the managed accounts they reach. */
  account_ids: z.array(Id).max(1000).optional(),
});
export type HostInvitationBody = z.infer<typeof HostInvitationBody>;

/** An unmanaged account waiting for its admin: a new link, optionally to another address. */
export const SetupInvitationBody = z.object({ email: Email.optional() });
export type SetupInvitationBody = z.infer<typeof SetupInvitationBody>;

// ---- Users -------------------------------------------------------------------------------

const UserStatus = z.enum(['active', 'pending']);

export const AccountUserDto = z.object({
  /** The user id, or for a pending invitation the invitation id. */
  id: z.string(),
  email: z.string(),
  role: Role,
  status: UserStatus,
  /** Managers: their pixels; everyone else: null (all pixels). */
  pixel_ids: z.array(z.string()).nullable(),
  /** Pending invitations: when the link stops working. */
  expires_at: z.number().nullable(),
});
export type AccountUserDto = z.infer<typeof AccountUserDto>;

export const AccountUsersDto = z.object({ users: z.array(AccountUserDto) });
export type AccountUsersDto = z.infer<typeof AccountUsersDto>;

export const AccountUserPatchBody = z.object({
  role: Role.optional(),
  pixel_ids: z.array(PixelId).max(500).optional(),
});
export type AccountUserPatchBody = z.infer<typeof AccountUserPatchBody>;

export const HostUserDto = z.object({
  id: z.string(),
  email: z.string(),
  role: Role,
  status: UserStatus,
  /** Managers and viewers: their accounts; admins: null (every managed account). */
  account_ids: z.array(z.string()).nullable(),
  expires_at: z.number().nullable(),
});
export type HostUserDto = z.infer<typeof HostUserDto>;

export const HostUsersDto = z.object({ users: z.array(HostUserDto) });
export type HostUsersDto = z.infer<typeof HostUsersDto>;

export const HostUserPatchBody = z.object({
  role: Role.optional(),
  account_ids: z.array(Id).max(1000).optional(),
});
export type HostUserPatchBody = z.infer<typeof HostUserPatchBody>;

// Accounts' managed switch, host settings, API accounts, audit and domains live next door;
// importing this module gives the whole tenancy surface.
export * from './tenancy-settings.js';
