import {
  close,
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { open, rename, unlink } from 'node:fs/promises';
import { promisify } from 'node:util';
import { Fdatasync } from './fdatasync.js';
import { decode, encode, type JournalRecord } from './journal-codec.js';
import type { OutboxEntry } from './outbox.js';

export type { JournalRecord } from './journal-codec.js';

/**
 * What one append wrote: record i has sequence number `firstSeq + i`, and its payload's UTF-8
 * is `bytes[spans[2i], spans[2i + 1])`. The fast lane copies these bytes rather than keeping the
 * payload strings. They are `scratch` when the append was given one and they fit.
 */
export interface Appended {
  firstSeq: number;
  bytes: Buffer;
  spans: number[];
}

const closeFile = promisify(close);
const SEGMENT_BYTES = 8 * 1024 * 1024;

/** A segment file: its number orders the segments and seeds their records' checksums. */
interface SegmentFile {
  number: number;
  path: string;
  fd: number;
  /** The file's length: more than `bytes` while a reused file is written over again. */
  size: number;
}

interface Segment extends SegmentFile {
  firstSeq: number;
  bytes: number;
  /** Records written and synced that are not settled yet. */
  outstanding: number;
  /** fdatasync calls under way (the file is closed only once none is). */
  syncing: number;
  sealed: boolean;
}

/**
 * The SQLite outbox's fast path on disk: append-only segment files. An acknowledged event
 * costs one sequential write and a share of one fdatasync, where a row in the outbox table cost
 * a B-tree insert into three indexes, a delete after delivery, and both again at checkpoint.
 * Records are numbered in write order (`seq`); once every record of a sealed segment is
 * settled (delivered, or moved into the table by the caller), the file is deleted, or kept
 * as the next segment's file (see `recycle`). A process that dies leaves its segments behind;
 * the next one reads them back with `readJournal`.
 */
export class Journal {
  private segments: Segment[] = [];
  private nextSeq = 0;
  private closed = false;
  private nextFile: number;
  /** A settled segment's file, renamed to be the next segment (see `recycle`). */
  private spare: SegmentFile | undefined;
  private recycling = false;
  private readonly fdatasync = new Fdatasync();

  constructor(
    private readonly dir: string,
    private readonly segmentBytes = SEGMENT_BYTES,
    /**
     * An open segment this large whose records are all settled goes too. After a backlog drains
     * (Meta was down, the lane emptied into the table and out), the open segment could hold up
     * to a whole segment of dead records until new writes filled it, and on a nearly full disk
     * that space kept intake refused.
     */
    private readonly reclaimOpenBytes = segmentBytes / 8,
  ) {
    mkdirSync(dir, { recursive: true });
    this.nextFile = Math.max(0, ...segmentFiles(dir).map((f) => Number.parseInt(f, 10))) + 1;
  }

  /**
   * Writes the records and resolves with their sequence numbers once they are on disk. A
   * failed write or sync throws (the caller answers 503) and seals the segment: after a failed
   * fdatasync the kernel may have dropped the pages, so nothing more is trusted to that file.
   * `scratch`: bytes the caller lends for the encoding, its own again once it is done with the
   * returned bytes; appends under way at once must not share one.
   */
  async append(
    records: readonly OutboxEntry[],
    createdAt: number,
    scratch?: Buffer,
  ): Promise<Appended> {
    const spans: number[] = [];
    const seg = this.current();
    const buf = encode(records, createdAt, seg.number, spans, scratch);
    try {
      writeSync(seg.fd, buf, 0, buf.length, seg.bytes);
    } catch (e) {
      seg.sealed = true;
      throw e;
    }
    seg.bytes += buf.length;
    seg.size = Math.max(seg.size, seg.bytes);
    if (seg.bytes >= this.segmentBytes) seg.sealed = true;
    const first = this.nextSeq;
    this.nextSeq += records.length;
    seg.syncing++;
    try {
      await this.fdatasync.sync(seg.fd);
    } catch (e) {
      seg.sealed = true;
      throw e;
    } finally {
      seg.syncing--;
    }
    seg.outstanding += records.length;
    return { firstSeq: first, bytes: buf, spans };
  }

  /** These records no longer need the journal. */
  settle(seqs: readonly number[]): void {
    for (const seq of seqs) {
      const seg = this.segmentOf(seq);
      if (seg) seg.outstanding--;
    }
  }

  /**
   * Bytes of the segments that still hold unsettled records: at most what the outbox may yet
   * have to write again into its table (retries, held pixels, shutdown) before they go.
   */
  unsettledBytes(): number {
    let n = 0;
    for (const s of this.segments) if (s.outstanding > 0 || s.syncing > 0) n += s.bytes;
    return n;
  }

  /** Disk space the journal holds that its next records are written over (see `recycle`). */
  reusableBytes(): number {
    const open = this.segments.at(-1);
    const reusedTail = open && !open.sealed ? open.size - open.bytes : 0;
    return (this.spare?.size ?? 0) + reusedTail;
  }

  /** Whether some segment can be deleted (see `retire`). */
  retirable(): boolean {
    return this.segments.some((s) => this.reclaimable(s));
  }

  /**
   * Deletes the segments whose records are all settled: the sealed ones, and the open one once
   * it is `reclaimOpenBytes` large (sealed here, so the next append starts a new file).
   * `beforeDelete` runs first: the caller makes durable whatever it moved out of them (the
   * outbox fsyncs the table's WAL).
   */
  async retire(beforeDelete: () => Promise<void>): Promise<void> {
    const gone = this.segments.filter((s) => this.reclaimable(s));
    if (gone.length === 0) return;
    for (const seg of gone) seg.sealed = true;
    await beforeDelete();
    if (this.closed) return; // close() has dealt with the files meanwhile
    this.segments = this.segments.filter((s) => !gone.includes(s));
    for (const seg of gone) {
      // A file grown far past a segment by one large write is not worth its disk.
      const wanted = !this.spare && !this.recycling && seg.size <= 2 * this.segmentBytes;
      if (wanted) await this.recycle(seg);
      else await discard(seg);
    }
  }

  /**
   * Keeps a settled segment's file as the next segment's. Writing over blocks a file already
   * has makes each fdatasync flush only data: appending to a new file also commits its size
   * and extents to the file system's journal. On the 2-core VM an fdatasync of 4 KB cost
   * 52-55 µs of system CPU and 300 µs instead of 119-133 µs and 520 µs. The file takes its
   * new number before any record is written to it, and the rename is synced first: after a
   * crash the file is found under the new number, and its old records, seeded with the old
   * number, fail their checksums (journal-codec.ts). The disk guard counts the kept file as
   * free space (`reusableBytes`).
   */
  private async recycle(seg: Segment): Promise<void> {
    this.recycling = true;
    const file = { number: this.nextFile++, fd: seg.fd, size: seg.size, path: '' };
    file.path = segmentPath(this.dir, file.number);
    try {
      await rename(seg.path, file.path);
      await syncDirectory(this.dir);
      if (this.closed) await discard(file);
      else this.spare = file;
    } catch {
      await discard({ ...file, path: seg.path }).catch(() => undefined);
      await unlinkGoneAsync(file.path).catch(() => undefined);
    } finally {
      this.recycling = false;
    }
  }

  /**
   * Closes the files. Segments still holding unsettled records stay for the next start, unless
   * `allSettled` says the caller has moved every record elsewhere.
   */
  close(allSettled = false): void {
    this.closed = true;
    if (this.spare) {
      closeSync(this.spare.fd);
      unlinkGone(this.spare.path);
      this.spare = undefined;
    }
    for (const seg of this.segments) {
      closeSync(seg.fd);
      if (allSettled || (seg.outstanding === 0 && seg.syncing === 0)) unlinkGone(seg.path);
    }
    this.segments = [];
  }

  private current(): Segment {
    const last = this.segments.at(-1);
    if (last && !last.sealed) return last;
    const seg: Segment = {
      ...(this.takeSpare(last) ?? this.newFile()),
      firstSeq: this.nextSeq,
      bytes: 0,
      outstanding: 0,
      syncing: 0,
      sealed: false,
    };
    this.segments.push(seg);
    return seg;
  }

  /**
   * The spare, if there is one and it numbers after `last`: a new file was numbered while the
   * spare was being renamed, and segments are read back in the order of their numbers.
   */
  private takeSpare(last: Segment | undefined): SegmentFile | undefined {
    const spare = this.spare;
    this.spare = undefined;
    if (!spare || !last || spare.number > last.number) return spare;
    void discard(spare).catch(() => undefined);
    return undefined;
  }

  private newFile(): SegmentFile {
    const number = this.nextFile++;
    const path = segmentPath(this.dir, number);
    return { number, path, fd: openSync(path, 'wx'), size: 0 };
  }

  /** Nothing unsettled and no write under way; sealed, or open and worth reclaiming. */
  private reclaimable(s: Segment): boolean {
    return s.outstanding === 0 && s.syncing === 0 && (s.sealed || s.bytes >= this.reclaimOpenBytes);
  }

  private segmentOf(seq: number): Segment | undefined {
    for (let i = this.segments.length - 1; i >= 0; i--) {
      if (this.segments[i]!.firstSeq <= seq) return this.segments[i];
    }
    return undefined;
  }
}

const segmentFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /^\d{10}\.seg$/.test(f))
    .sort();
const segmentPath = (dir: string, n: number) => join(dir, `${String(n).padStart(10, '0')}.seg`);

/** Makes a rename in `dir` durable. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Closes and deletes a segment's file, on libuv's thread pool: freeing 8 MB of extents waits
 * for the file system's journal, and behind a busy fdatasync an unlinkSync held the event loop
 * for 13-17 ms.
 */
async function discard(file: SegmentFile): Promise<void> {
  await closeFile(file.fd);
  await unlinkGoneAsync(file.path);
}

/**
 * Every record the segments in `dir` hold, oldest first, and the files they came from. A
 * segment ends at its first record that is cut short or fails its checksum: what follows was
 * being written when the process died, so it was never acknowledged.
 */
export function readJournal(dir: string): { records: JournalRecord[]; files: string[] } {
  mkdirSync(dir, { recursive: true });
  const records: JournalRecord[] = [];
  const files: string[] = [];
  for (const name of segmentFiles(dir)) {
    const file = join(dir, name);
    records.push(...decode(readFileSync(file), Number.parseInt(name, 10)));
    files.push(file);
  }
  return { records, files };
}

/** Deletes segments once their records are stored elsewhere. */
export function removeSegments(files: readonly string[]): void {
  for (const f of files) unlinkGone(f);
}

/** A file already gone is what deleting it wanted. */
function unlessGone(e: unknown): void {
  if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
}

/** Deletes a file off the event loop. */
const unlinkGoneAsync = (path: string): Promise<void> => unlink(path).catch(unlessGone);

function unlinkGone(path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    unlessGone(e);
  }
}
