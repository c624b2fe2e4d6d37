import { z } from 'zod';
import type { ErrorCode } from '@capgw/shared/protocol/errors';
import * as admin from '@capgw/shared/schemas/admin';
import { AccountUsageDto } from '@capgw/shared/schemas/tenancy';

/**
 * One endpoint of /api/v1 (or /clients/token) with its body, answer, callers and errors. The
 * lists in this folder are the source of /api/v1/openapi.json; a test checks that they and the
 * registered routes are the same set, so an undocumented route fails the tests.
 */
export interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** OpenAPI form: /accounts/{accountId}; relative to /api/v1 unless `root`. */
  path: string;
  root?: boolean;
  summary: string;
  /** Who may call it: "public", or the roles (docs/api.md "Roles"). */
  who: string;
  body?: z.ZodType;
  form?: boolean;
  query?: z.ZodObject;
  status: number;
  answer?: z.ZodType;
  errors?: ErrorCode[];
}

export const Ok = z.object({ ok: z.literal(true) });
export const AccountRow = admin.AccountDto.extend({
  role: admin.Role.nullable(),
  usage: AccountUsageDto,
});
export const Counts = z.object({
  pixel_id: z.string(),
  minute: z.number(),
  event_name: z.string(),
  received: z.number(),
  published: z.number(),
  failed: z.number(),
  rejected: z.number(),
});
export const PixelError = z.object({
  at: z.number(),
  event_name: z.string().nullable(),
  event_id: z.string().nullable(),
  reason: z.enum(['rejected', 'expired', 'discarded']),
  code: z.number().nullable(),
  subcode: z.number().nullable(),
  message: z.string(),
  fbtrace_id: z.string().nullable(),
});

export const PUBLIC = 'public';
export const ANYONE = 'any signed-in caller';
export const HOST_ADMIN = 'host admins (and API accounts)';
export const ACCOUNT_READ = 'everyone who reaches the account';
export const ACCOUNT_ADMINS = 'account admins; host admins while the account is managed';
export const A = '/accounts/{accountId}';
