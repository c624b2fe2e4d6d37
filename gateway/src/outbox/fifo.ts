/**
 * An array used as a queue: taking from the front moves an index, and the array is cut down
 * now and then, so taking from a long queue never copies it item by item (Array#shift does).
 */
export class Fifo<T> {
  private items: T[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** The front item, left in place. */
  peek(): T | undefined {
    return this.head === this.items.length ? undefined : this.items[this.head];
  }

  shift(): T | undefined {
    if (this.head === this.items.length) return undefined;
    const item = this.items[this.head++];
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Takes out the items `gone` picks, in order, and returns them. */
  removeWhere(gone: (item: T) => boolean): T[] {
    const out: T[] = [];
    const kept: T[] = [];
    for (let i = this.head; i < this.items.length; i++) {
      const item = this.items[i]!;
      (gone(item) ? out : kept).push(item);
    }
    this.items = kept;
    this.head = 0;
    return out;
  }
}
