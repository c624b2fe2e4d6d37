/**
 * Event keys (pixel, event name, event id) stored in the last few minutes. The browser client
 * delivers at least once: an event whose WebSocket ack had not arrived when the page hid is sent
 * again by beacon. Meta would count both server copies, so the second is acknowledged but not
 * stored. Two generations of sets bound the memory; a key lives between one and two windows.
 */
export class RecentEvents {
  private current = new Set<string>();
  private previous = new Set<string>();
  private rotatedAt: number | undefined;

  constructor(
    private readonly windowMs = 10 * 60_000,
    private readonly maxPerGeneration = 100_000,
  ) {}

  static key(pixelId: string, eventName: string, eventId: string): string {
    return `${pixelId}\u0000${eventName}\u0000${eventId}`;
  }

  has(key: string): boolean {
    return this.current.has(key) || this.previous.has(key);
  }

  /** Call only once the event is durably stored: a failed write must not hide a retry. */
  add(key: string, now = Date.now()): void {
    this.rotatedAt ??= now;
    if (now - this.rotatedAt >= this.windowMs || this.current.size >= this.maxPerGeneration) {
      this.previous = this.current;
      this.current = new Set();
      this.rotatedAt = now;
    }
    this.current.add(key);
  }
}
