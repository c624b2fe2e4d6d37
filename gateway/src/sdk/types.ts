/** One browser event as the gateway's intake expects it (CONTRACT.md, "Event intake"). */
export interface BrowserEvent {
  event_name: string;
  event_id: string;
  /** Unix seconds, taken when the page called fbq, not when the event left. */
  event_time: number;
  event_source_url: string;
  referrer_url?: string;
  /** Raw advanced-matching values plus fbp/fbc; the gateway normalizes and hashes. */
  user_data: Record<string, string>;
  custom_data: Record<string, unknown>;
}

/** How a message is travelling: not yet sent, on the socket, or in a keepalive fetch. */
export const IDLE = 0;
export const ON_SOCKET = 1;
export const ON_HTTP = 2;
export type Via = typeof IDLE | typeof ON_SOCKET | typeof ON_HTTP;

/** One intake message: the events of one pixel, acknowledged as a whole. */
export interface Message {
  seq: number;
  pixel_id: string;
  events: BrowserEvent[];
  via: Via;
  /** When it went out on the socket (ms), for the acknowledgement watchdog. */
  sentAt: number;
}

/** The Meta Pixel's `fbq` as its base code creates it, plus what fbevents.js adds. */
export interface Fbq {
  (...args: unknown[]): void;
  callMethod?: (...args: unknown[]) => void;
  queue?: ArrayLike<unknown>[];
  push?: unknown;
  loaded?: boolean;
  version?: string;
  getState?: () => { pixels?: { id?: unknown }[] };
}

export interface SdkWindow extends Window {
  fbq?: Fbq;
  _fbq?: Fbq;
  /** Present once the client runs, so a second copy of the script does nothing. */
  __capgw?: { v: string };
}
