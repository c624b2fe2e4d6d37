import {
  close,
  closeSync,
  fdatasync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { unlink } from 'node:fs/promises';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import type { OutboxEntry } from './outbox.js';

/** An acknowledged entry as the journal gives it back. */
export interface JournalRecord extends OutboxEntry {
  createdAt: number;
}

/**
 * What one append wrote: record i has sequence number `firstSeq + i`, and its payload's UTF-8
 * is `bytes[spans[2i], spans[2i + 1])`. The fast lane copies these bytes rather than keeping the
 * payload strings.
 */
export interface Appended {
  firstSeq: number;
  bytes: Buffer;
  spans: number[];
}

const syncFile = promisify(fdatasync);
const closeFile = promisify(close);
const SEGMENT_BYTES = 8 * 1024 * 1024;
/** Per record: u32 body length, u32 CRC-32 of the body. */
const HEADER = 8;
const VERSION = 1;

interface Segment {
  path: string;
  fd: number;
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
 * settled (delivered, or moved into the table by the caller), the file is deleted. A process
 * that dies leaves its segments behind; the next one reads them back with `readJournal`.
 */
export class Journal {
  private segments: Segment[] = [];
  private nextSeq = 0;
  private closed = false;
  private nextFile: number;

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
   */
  async append(records: readonly OutboxEntry[], createdAt: number): Promise<Appended> {
    const spans: number[] = [];
    const buf = encode(records, createdAt, spans);
    const seg = this.current();
    try {
      writeSync(seg.fd, buf, 0, buf.length, seg.bytes);
    } catch (e) {
      seg.sealed = true;
      throw e;
    }
    seg.bytes += buf.length;
    if (seg.bytes >= this.segmentBytes) seg.sealed = true;
    const first = this.nextSeq;
    this.nextSeq += records.length;
    seg.syncing++;
    try {
      await syncFile(seg.fd);
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
    // On libuv's thread pool: freeing 8 MB of extents waits for the file system's journal,
    // and behind a busy fdatasync an unlinkSync held the event loop for 13-17 ms.
    for (const seg of gone) {
      await closeFile(seg.fd);
      await unlinkGoneAsync(seg.path);
    }
  }

  /**
   * Closes the files. Segments still holding unsettled records stay for the next start, unless
   * `allSettled` says the caller has moved every record elsewhere.
   */
  close(allSettled = false): void {
    this.closed = true;
    for (const seg of this.segments) {
      closeSync(seg.fd);
      if (allSettled || (seg.outstanding === 0 && seg.syncing === 0)) unlinkGone(seg.path);
    }
    this.segments = [];
  }

  private current(): Segment {
    const last = this.segments.at(-1);
    if (last && !last.sealed) return last;
    const path = join(this.dir, `${String(this.nextFile++).padStart(10, '0')}.seg`);
    const seg: Segment = {
      path,
      fd: openSync(path, 'wx'),
      firstSeq: this.nextSeq,
      bytes: 0,
      outstanding: 0,
      syncing: 0,
      sealed: false,
    };
    this.segments.push(seg);
    return seg;
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

/**
 * Every record the segments in `dir` hold, oldest first, and the files they came from. A
 * segment ends at its first record that is cut short or fails its checksum: what follows was
 * being written when the process died, so it was never acknowledged.
 */
export function readJournal(dir: string): { records: JournalRecord[]; files: string[] } {
  mkdirSync(dir, { recursive: true });
  const files = segmentFiles(dir).map((f) => join(dir, f));
  const records: JournalRecord[] = [];
  for (const file of files) records.push(...decode(readFileSync(file)));
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

// Body: u8 version, f64 createdAt, then pixelId, accountId, eventName each as u16 length +
// UTF-8, then the payload's UTF-8 to the end of the body.
const MIN_BODY = 1 + 8 + 3 * 2;

/** The records as written, and each payload's [start, end) in `spans`. */
function encode(records: readonly OutboxEntry[], createdAt: number, spans: number[]): Buffer {
  let total = 0;
  for (const r of records) {
    total += HEADER + MIN_BODY + Buffer.byteLength(r.pixelId) + Buffer.byteLength(r.accountId);
    total += Buffer.byteLength(r.eventName) + Buffer.byteLength(r.payload);
  }
  const buf = Buffer.allocUnsafe(total);
  let at = 0;
  for (const r of records) {
    const start = at + HEADER;
    let o = buf.writeUInt8(VERSION, start);
    o = buf.writeDoubleLE(createdAt, o);
    o = writeField(buf, o, r.pixelId);
    o = writeField(buf, o, r.accountId);
    o = writeField(buf, o, r.eventName);
    const end = o + buf.write(r.payload, o);
    spans.push(o, end);
    buf.writeUInt32LE(end - start, at);
    buf.writeUInt32LE(crc32(buf.subarray(start, end)), at + 4);
    at = end;
  }
  return buf;
}

/** A u16 byte length and the UTF-8 bytes; returns the offset after them. */
function writeField(buf: Buffer, at: number, s: string): number {
  const n = buf.write(s, at + 2);
  buf.writeUInt16LE(n, at);
  return at + 2 + n;
}

function decode(buf: Buffer): JournalRecord[] {
  const out: JournalRecord[] = [];
  let at = 0;
  while (at + HEADER <= buf.length) {
    const size = buf.readUInt32LE(at);
    const start = at + HEADER;
    const end = start + size;
    if (size < MIN_BODY || end > buf.length) break;
    const body = buf.subarray(start, end);
    if (crc32(body) !== buf.readUInt32LE(at + 4) || body[0] !== VERSION) break;
    let o = 9;
    const field = () => {
      const n = body.readUInt16LE(o);
      const s = body.toString('utf8', o + 2, o + 2 + n);
      o += 2 + n;
      return s;
    };
    const createdAt = body.readDoubleLE(1);
    const pixelId = field();
    const accountId = field();
    const eventName = field();
    out.push({ pixelId, accountId, eventName, createdAt, payload: body.toString('utf8', o) });
    at = end;
  }
  return out;
}
