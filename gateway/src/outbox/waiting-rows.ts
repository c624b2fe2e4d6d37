/** Builds the object a waiting row becomes when it leaves the queue. */
export type RowMaker<R> = (
  id: number,
  pixelId: string,
  accountId: string,
  eventName: string,
  createdAt: number,
  /** Where its payload's bytes are (byte-ring.ts), or -1 when it keeps `text` instead. */
  ticket: number,
  text: string | undefined,
) => R;

/**
 * Rows waiting for the forwarder (ring-row.ts), oldest first, kept as columns rather than an
 * object per row. A row waits here until its batch fills (a few hundred milliseconds under
 * load), long enough for V8 to promote an object to its old generation: the lane's row objects
 * were over a third of all the gateway still promoted at half of peak, and what is promoted
 * sets how often a full collection stalls requests. The strings held here are long-lived ones
 * (a route's ids, interned event names); the row becomes an object only when it leaves.
 */
export class WaitingRows {
  private ids: Float64Array;
  private createdAts: Float64Array;
  private tickets: Float64Array;
  private pixelIds: (string | undefined)[];
  private accountIds: (string | undefined)[];
  private eventNames: (string | undefined)[];
  private texts: (string | undefined)[];
  /** Taken out of the middle (`removeWhere`): skipped when they reach the front. */
  private gone: Uint8Array;
  private front = 0;
  private used = 0;
  private goneCount = 0;

  constructor(capacity = 1024) {
    this.ids = new Float64Array(capacity);
    this.createdAts = new Float64Array(capacity);
    this.tickets = new Float64Array(capacity);
    this.pixelIds = new Array<string | undefined>(capacity).fill(undefined);
    this.accountIds = new Array<string | undefined>(capacity).fill(undefined);
    this.eventNames = new Array<string | undefined>(capacity).fill(undefined);
    this.texts = new Array<string | undefined>(capacity).fill(undefined);
    this.gone = new Uint8Array(capacity);
  }

  get size(): number {
    return this.used - this.goneCount;
  }

  /** Adds a row at the back; takes the fields a row is made of, as `RowMaker` gives them. */
  readonly push: RowMaker<void> = (id, pixelId, accountId, eventName, createdAt, ticket, text) => {
    if (this.used === this.ids.length) this.grow();
    const i = (this.front + this.used++) % this.ids.length;
    this.ids[i] = id;
    this.pixelIds[i] = pixelId;
    this.accountIds[i] = accountId;
    this.eventNames[i] = eventName;
    this.createdAts[i] = createdAt;
    this.tickets[i] = ticket;
    this.texts[i] = text;
    this.gone[i] = 0;
  };

  /** The oldest row, made into an object by `make`; undefined when none waits. */
  shift<R>(make: RowMaker<R>): R | undefined {
    while (this.used > 0) {
      const i = this.front;
      this.front = (this.front + 1) % this.ids.length;
      this.used--;
      if (this.gone[i] === 1) {
        this.goneCount--;
        continue;
      }
      const row = this.make(i, make);
      this.forget(i);
      return row;
    }
    return undefined;
  }

  /** Takes out, oldest first, the rows `pick` chooses by pixel and creation time. */
  removeWhere<R>(pick: (pixelId: string, createdAt: number) => boolean, make: RowMaker<R>): R[] {
    const out: R[] = [];
    for (let n = 0; n < this.used; n++) {
      const i = (this.front + n) % this.ids.length;
      if (this.gone[i] === 1 || !pick(this.pixelIds[i]!, this.createdAts[i]!)) continue;
      out.push(this.make(i, make));
      this.forget(i);
      this.gone[i] = 1;
      this.goneCount++;
    }
    return out;
  }

  private make<R>(i: number, make: RowMaker<R>): R {
    return make(
      this.ids[i]!,
      this.pixelIds[i]!,
      this.accountIds[i]!,
      this.eventNames[i]!,
      this.createdAts[i]!,
      this.tickets[i]!,
      this.texts[i],
    );
  }

  /** Drops the row's references, so a string is not kept alive by a slot waiting for reuse. */
  private forget(i: number): void {
    this.pixelIds[i] = this.accountIds[i] = this.eventNames[i] = this.texts[i] = undefined;
  }

  /** Doubles every column: the waiting rows move over in order, removed places are dropped. */
  private grow(): void {
    const bigger = new WaitingRows(2 * this.ids.length);
    while (this.size > 0) this.shift(bigger.push);
    this.ids = bigger.ids;
    this.createdAts = bigger.createdAts;
    this.tickets = bigger.tickets;
    this.pixelIds = bigger.pixelIds;
    this.accountIds = bigger.accountIds;
    this.eventNames = bigger.eventNames;
    this.texts = bigger.texts;
    this.gone = bigger.gone;
    this.front = 0;
    this.used = bigger.used;
    this.goneCount = 0;
  }
}
