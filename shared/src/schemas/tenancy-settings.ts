import { z } from 'zod';
import { PixelId } from './intake.js';

// Part of the tenancy surface (re-exported by tenancy.ts): the managed switch, host settings,
// API accounts and their tokens, the audit log, and an account's domains.

/** In GET /accounts: what the host may know even of an unmanaged account (last 24 hours). */
export const AccountUsageDto = z.object({
  pixels: z.number(),
  receiving_pixels: z.number(),
  events_received: z.number(),
});
export type AccountUsageDto = z.infer<typeof AccountUsageDto>;

/** POST /accounts/{id}/managed: an account admin switches; a host admin asks for `true`. */
export const ManagedBody = z.object({ managed: z.boolean() });
export type ManagedBody = z.infer<typeof ManagedBody>;

// ---- Host settings -------------------------------------------------------------------------

export const SmtpSettingsBody = z.object({
  /** smtp://user:password@host:587 or smtps://…:465; the password is stored encrypted. */
  url: z
    .string()
    .trim()
    .max(1000)
    .regex(/^smtps?:\/\/[^/\s]+\/?$/, 'an smtp:// or smtps:// URL'),
  from: z.string().trim().min(3).max(254),
});
export type SmtpSettingsBody = z.infer<typeof SmtpSettingsBody>;

export const HostSettingsPatchBody = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  /** null removes the SMTP settings (the SMTP_URL environment variable, if any, applies again). */
  smtp: SmtpSettingsBody.nullable().optional(),
});
export type HostSettingsPatchBody = z.infer<typeof HostSettingsPatchBody>;

export const HostSettingsDto = z.object({
  name: z.string(),
  smtp: z
    .object({
      configured: z.boolean(),
      host: z.string(),
      from: z.string(),
      source: z.enum(['settings', 'environment']),
    })
    .nullable(),
});
export type HostSettingsDto = z.infer<typeof HostSettingsDto>;

// ---- API accounts --------------------------------------------------------------------------

export const ApiAccountName = z
  .string()
  .regex(/^[A-Za-z0-9]{1,20}$/, 'letters and digits only, at most 20');

export const ApiAccountCreateBody = z.object({
  name: ApiAccountName,
  /** The creating host admin's own password, re-entered. */
  password: z.string().min(1).max(256),
});
export type ApiAccountCreateBody = z.infer<typeof ApiAccountCreateBody>;

export const ApiAccountDto = z.object({
  id: z.string(),
  name: z.string(),
  created_at: z.number(),
  /** Only in the answer that creates it: shown once. */
  secret: z.string().optional(),
});
export type ApiAccountDto = z.infer<typeof ApiAccountDto>;

/** POST /clients/token, as form fields or JSON (Meta's gateway takes the form). */
export const ClientTokenBody = z.object({
  client_id: z.string().min(1).max(100),
  client_secret: z.string().min(1).max(200),
  grant_type: z.string().min(1).max(100),
});
export type ClientTokenBody = z.infer<typeof ClientTokenBody>;

export const ClientTokenDto = z.object({
  token: z.string(),
  access_token: z.string(),
  token_type: z.literal('bearer'),
  expires_in: z.number(),
});
export type ClientTokenDto = z.infer<typeof ClientTokenDto>;

// ---- Audit -----------------------------------------------------------------------------------

export const AuditQuery = z.object({
  /** Omitted: the host-level log (host admins). Given: that account's log (its admins). */
  account_id: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Entries older than this entry id (the previous page's next_before). */
  before: z.coerce.number().int().positive().optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntryDto = z.object({
  id: z.number(),
  at: z.number(),
  account_id: z.string().nullable(),
  actor: z.object({
    kind: z.enum(['user', 'api', 'system']),
    id: z.string().nullable(),
    label: z.string(),
  }),
  action: z.string(),
  target: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntryDto = z.infer<typeof AuditEntryDto>;

export const AuditDto = z.object({
  entries: z.array(AuditEntryDto),
  next_before: z.number().nullable(),
});
export type AuditDto = z.infer<typeof AuditDto>;

// ---- Domains ---------------------------------------------------------------------------------

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOSTNAME = new RegExp(`^(?=.{1,253}$)(?:${LABEL}\\.)+${LABEL}$`);

/** A website's hostname; "https://Shop.Example/path" is taken as "shop.example". */
export const Hostname = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) =>
    v
      .replace(/^[a-z]+:\/\//, '')
      .replace(/[/?#].*$/, '')
      .replace(/\.$/, ''),
  )
  .pipe(z.string().regex(HOSTNAME, 'a hostname such as shop.example'));

export const DomainCreateBody = z.object({
  hostname: Hostname,
  /** first_party: a CNAME on the advertiser's site pointing here; blocked: refuse its events. */
  kind: z.enum(['first_party', 'blocked']),
  /** Blocked websites only: block for one pixel (omitted: every pixel of the account). */
  pixel_id: PixelId.optional(),
});
export type DomainCreateBody = z.infer<typeof DomainCreateBody>;

export const DomainDto = z.object({
  id: z.string(),
  hostname: z.string(),
  kind: z.enum(['first_party', 'blocked']),
  pixel_id: z.string().nullable(),
  status: z.enum(['pending', 'verified', 'failed']),
  /** First-party domains: the CNAME target to set at the advertiser's DNS. */
  cname_target: z.string().nullable(),
  created_at: z.number(),
});
export type DomainDto = z.infer<typeof DomainDto>;

export const DomainsDto = z.object({ domains: z.array(DomainDto) });
export type DomainsDto = z.infer<typeof DomainsDto>;
