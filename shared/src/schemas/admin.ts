import { z } from 'zod';
import { PixelId } from './intake.js';

// Request bodies and answers of /api/v1 (CONTRACT.md "Admin API"). One schema per body, used by
// the gateway to validate and by the hub and the desktop app to type their calls.

export const Email = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));
export const Password = z.string().min(10, 'at least 10 characters').max(256);
export const Role = z.enum(['admin', 'manager', 'viewer']);
export type Role = z.infer<typeof Role>;

export const SetupBody = z.object({
  setup_token: z.string().min(1),
  email: Email,
  password: Password,
});
export const LoginBody = z.object({
  email: Email,
  password: z.string().min(1).max(256),
  token: z.boolean().optional(),
  totp: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});

export const AccountCreateBody = z.object({
  name: z.string().trim().min(1).max(120),
  managed: z.boolean(),
  admin_email: Email.optional(),
});
export const AccountPatchBody = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  status: z.enum(['active', 'deactivated']).optional(),
});

export const AccountDto = z.object({
  id: z.string(),
  name: z.string(),
  managed: z.boolean(),
  status: z.enum(['active', 'setup', 'deactivated']),
  manage_requested: z.boolean(),
  created_at: z.number(),
});
export type AccountDto = z.infer<typeof AccountDto>;

export const TestEventCode = z
  .string()
  .trim()
  .max(64)
  .regex(/^[A-Za-z0-9_-]*$/, 'letters, digits, _ and -');

export const PixelCreateBody = z.object({
  pixel_id: PixelId,
  access_token: z.string().trim().min(10).max(1024),
  name: z.string().trim().min(1).max(120).optional(),
});
export const PixelPatchBody = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  access_token: z.string().trim().min(10).max(1024).optional(),
  receiving: z.boolean().optional(),
  publishing: z.boolean().optional(),
  test_event_code: TestEventCode.nullable().optional(),
  blocked_events: z.array(z.string().trim().min(1).max(100)).max(200).optional(),
});

export const PixelDto = z.object({
  pixel_id: z.string(),
  account_id: z.string(),
  name: z.string(),
  token_last4: z.string(),
  token_status: z.enum(['ok', 'invalid']),
  receiving: z.boolean(),
  publishing: z.boolean(),
  test_event_code: z.string().nullable(),
  blocked_events: z.array(z.string()),
  last_error: z.record(z.string(), z.unknown()).nullable(),
  created_at: z.number(),
  /** Only in the answer that creates the pixel or rotates its key: shown once. */
  access_key: z.string().optional(),
});
export type PixelDto = z.infer<typeof PixelDto>;
