import type { z } from 'zod';
import type {
  AccountCreateBody,
  AccountDto,
  AccountPatchBody,
  PixelCreateBody,
  PixelDto,
  PixelPatchBody,
  Role,
} from '../../schemas/admin';
import type {
  AccountInvitationBody,
  AccountUserDto,
  AccountUserPatchBody,
  ApiAccountCreateBody,
  ApiAccountDto,
  AuditDto,
  AuditEntryDto,
  AuditQuery,
  DomainCreateBody,
  DomainDto,
  HostInvitationBody,
  HostSettingsDto,
  HostSettingsPatchBody,
  HostUserDto,
  HostUserPatchBody,
  InvitationAcceptBody,
  InvitationLookupDto,
  LinkDto,
  MeDto,
  TotpSetupDto,
} from '../../schemas/tenancy';

// The shapes the screens use, all from the shared zod schemas the gateway validates with.
// Bodies are the schemas' input types (what a form sends); answers are their output types.

export type { AccountDto, PixelDto, Role };
export type AccountCreate = z.input<typeof AccountCreateBody>;
export type AccountPatch = z.input<typeof AccountPatchBody>;
export type PixelCreate = z.input<typeof PixelCreateBody>;
export type PixelPatch = z.input<typeof PixelPatchBody>;

export interface Status {
  claimed: boolean;
  name: string;
}

export type Me = MeDto;
export type MeAccount = Me['accounts'][number];

/** A single-use link (invitation or password reset); the token is inside the link. */
export type IssuedLink = LinkDto;
export type InvitationInfo = InvitationLookupDto;
export type InvitationAccept = z.input<typeof InvitationAcceptBody>;

export type AccountListItem = AccountDto & { role: Role | null };
export type AccountCreated = AccountDto & { invitation?: IssuedLink };

/** Seats the caller holds in an account, e.g. `account:admin`, `host:outside`. */
export type AccountDetail = AccountDto & { seats: string[] };

export type PixelDetail = PixelDto & { can_update?: boolean };

export interface PixelError {
  at: number;
  event_name: string | null;
  event_id: string | null;
  reason: string;
  code: number | null;
  subcode: number | null;
  message: string | null;
  fbtrace_id: string | null;
}

export interface MetricsRow {
  pixel_id: string;
  minute: number;
  event_name: string;
  received: number;
  published: number;
  failed: number;
  rejected: number;
}
export interface Metrics {
  minutes: number;
  series: MetricsRow[];
}

export type AccountUser = AccountUserDto;
export type AccountInvite = z.input<typeof AccountInvitationBody>;
export type UserPatch = z.input<typeof AccountUserPatchBody>;

export type HostUser = HostUserDto;
export type HostInvite = z.input<typeof HostInvitationBody>;
export type HostUserPatch = z.input<typeof HostUserPatchBody>;

export type HostSettings = HostSettingsDto;
export type HostSettingsPatch = z.input<typeof HostSettingsPatchBody>;

export type ApiAccount = ApiAccountDto;
export type ApiAccountCreate = z.input<typeof ApiAccountCreateBody>;

export type Domain = DomainDto;
export type DomainKind = Domain['kind'];
export type DomainCreate = z.input<typeof DomainCreateBody>;

export type TotpSetup = TotpSetupDto;

export type AuditEntry = AuditEntryDto;
/** One page of a log, newest first; `next_before` asks for the page after it. */
export type AuditPage = AuditDto;
/** The query as numbers (the schema's input coerces strings, so its own input type is loose). */
export type AuditPageQuery = Partial<z.output<typeof AuditQuery>>;
