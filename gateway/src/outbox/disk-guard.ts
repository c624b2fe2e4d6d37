import { statfsSync } from 'node:fs';

/**
 * Keeps the outbox from filling its disk. A SQLite database on a full disk cannot even delete
 * rows (a delete needs room in the write-ahead log), so the forwarder could never drain it:
 * intake stops at a reserve instead, answering 429 while deliveries free space (delivered rows
 * leave free pages that SQLite reuses, so those count as free). Free space is read once a
 * second, or sooner once a quarter of the reserve has been written since.
 */
export class DiskGuard {
  private freeBytes = Number.POSITIVE_INFINITY;
  private checkedAt = 0;
  private writtenSince = 0;

  constructor(
    private readonly dir: string,
    private readonly reserveBytes: number,
    /**
     * Added to the file system's free space: what the database can reuse without growing (its
     * free pages) less what it may still have to write (negative when that is the larger).
     */
    private readonly creditBytes: () => number = () => 0,
  ) {}

  /** True while the disk keeps more than the reserve free after `bytes` more are written. */
  hasRoom(bytes: number, now = Date.now()): boolean {
    if (this.reserveBytes <= 0) return true;
    this.writtenSince += bytes;
    if (now - this.checkedAt >= 1000 || this.writtenSince * 4 >= this.reserveBytes) {
      this.checkedAt = now;
      this.writtenSince = bytes;
      try {
        const s = statfsSync(this.dir);
        this.freeBytes = s.bavail * s.bsize + this.creditBytes();
      } catch {
        // A file system that cannot say how full it is: let SQLite report real failures.
        this.freeBytes = Number.POSITIVE_INFINITY;
      }
    }
    return this.freeBytes - this.writtenSince > this.reserveBytes;
  }
}
