import { z } from 'zod';
import type { ErrorCode } from '../protocol/errors.js';

/** Limits of the intake, shared by the gateway and the clients that want to pre-check. */
export const INTAKE_LIMITS = {
  maxEventsPerBody: 1000,
  maxBodyBytes: 2 * 1024 * 1024,
  maxEventNameLength: 100,
  maxUrlLength: 4096,
  /** Meta refuses events older than 7 days (research/capig-and-capi.md §7.2). */
  maxEventAgeSeconds: 7 * 24 * 3600,
  /** Browser clocks drift; later than this ahead of the gateway's clock is refused. */
  maxFutureSkewSeconds: 300,
} as const;

export const ACTION_SOURCES = [
  'email',
  'website',
  'app',
  'phone_call',
  'chat',
  'physical_store',
  'system_generated',
  'business_messaging',
  'other',
] as const;

export const PixelId = z.string().regex(/^\d{1,20}$/, 'must be a numeric pixel id');

const UserDataValue = z.union([
  z.string().max(1024),
  z.number(),
  z.array(z.union([z.string().max(1024), z.number()])).max(20),
]);

/**
 * One event as a browser or server sends it. Unknown top-level fields are dropped (Meta
 * rejects a whole batch for one unknown parameter); user_data and custom_data pass through.
 */
export const IntakeEvent = z.object({
  event_name: z.string().trim().min(1).max(INTAKE_LIMITS.maxEventNameLength),
  event_id: z.string().max(256).optional(),
  event_time: z.number().int().positive().optional(),
  event_source_url: z.string().max(INTAKE_LIMITS.maxUrlLength).optional(),
  referrer_url: z.string().max(INTAKE_LIMITS.maxUrlLength).optional(),
  action_source: z.enum(ACTION_SOURCES).optional(),
  user_data: z.record(z.string().max(64), UserDataValue).optional(),
  custom_data: z.record(z.string().max(256), z.unknown()).optional(),
  opt_out: z.boolean().optional(),
  data_processing_options: z.array(z.string().max(32)).max(8).optional(),
  data_processing_options_country: z.number().int().optional(),
  data_processing_options_state: z.number().int().optional(),
  app_data: z.record(z.string(), z.unknown()).optional(),
  original_event_data: z.record(z.string(), z.unknown()).optional(),
  attribution_data: z.record(z.string(), z.unknown()).optional(),
  messaging_channel: z.string().max(64).optional(),
});
export type IntakeEvent = z.infer<typeof IntakeEvent>;

/** `POST /events` and the WebSocket `events` message. Events are validated one by one. */
export const BrowserBatch = z.object({
  pixel_id: PixelId,
  events: z.array(z.unknown()).min(1).max(INTAKE_LIMITS.maxEventsPerBody),
});
export type BrowserBatch = z.infer<typeof BrowserBatch>;

/** `POST /capi/{pixelId}/events`, as Meta's Business SDKs send it to a gateway. */
export const ServerBatch = z.object({
  data: z.array(z.unknown()).min(1).max(INTAKE_LIMITS.maxEventsPerBody),
  accessKey: z.string().min(1).max(256),
  test_event_code: z.string().max(64).optional(),
});

export const WsEventsMessage = BrowserBatch.extend({
  type: z.literal('events'),
  seq: z.number().int().nonnegative(),
});

export type WsServerMessage =
  | { type: 'ack'; seq: number; accepted: number; rejected?: RejectedEvent[] }
  | { type: 'error'; seq: number | null; code: string; message: string };

export interface RejectedEvent {
  index: number;
  code: ErrorCode;
  message: string;
}

/** `202` answer of the intake: how many events were stored, and why the others were not. */
export interface IntakeAccepted {
  accepted: number;
  rejected?: RejectedEvent[];
}
