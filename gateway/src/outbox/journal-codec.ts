import { crc32 } from 'node:zlib';
import type { OutboxEntry } from './outbox.js';

/** An acknowledged entry as the journal gives it back. */
export interface JournalRecord extends OutboxEntry {
  createdAt: number;
}

// A record: u32 body length, u32 CRC-32 of the body, then the body: u8 version, f64 createdAt,
// pixelId, accountId and eventName each as u16 length + UTF-8, then the payload's UTF-8 to the
// end of the body.
//
// Version 2 seeds each record's CRC with the number of the segment it was written to. A
// segment file is reused for a later segment (journal.ts), and the records of its earlier life
// are still on disk past the new ones: seeded with the old number, none of them passes for a
// record of the new segment. Version 1 (unseeded) is still read, from segments an older
// gateway left behind; those files are never reused.
const HEADER = 8;
const VERSION = 2;
const UNSEEDED_VERSION = 1;
const MIN_BODY = 1 + 8 + 3 * 2;

/** The seed of segment `n`'s checksums. */
const seedOf = (segment: number) => segment >>> 0;

/** The most UTF-8 bytes a string of `n` UTF-16 units can take. */
const utf8Bound = (n: number) => 3 * n;

/**
 * The records as written to segment `segment`, and each payload's [start, end) in `spans`.
 * Written into `scratch` when they surely fit (as pg-batches' encodePayloads does), else into
 * bytes of their own, sized by the same bound: measuring each string first (Buffer.byteLength
 * scans it) and allocating per group commit took 0.9 % and more of the gateway's CPU at peak.
 */
export function encode(
  records: readonly OutboxEntry[],
  createdAt: number,
  segment: number,
  spans: number[],
  scratch?: Buffer,
): Buffer {
  let bound = 0;
  for (const r of records) {
    bound += HEADER + MIN_BODY + utf8Bound(r.pixelId.length + r.accountId.length);
    bound += utf8Bound(r.eventName.length + r.payload.length);
  }
  const buf = scratch && bound <= scratch.length ? scratch : Buffer.allocUnsafe(bound);
  const seed = seedOf(segment);
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
    buf.writeUInt32LE(crc32(buf.subarray(start, end), seed), at + 4);
    at = end;
  }
  return buf.subarray(0, at);
}

/** A u16 byte length and the UTF-8 bytes; returns the offset after them. */
function writeField(buf: Buffer, at: number, s: string): number {
  const n = buf.write(s, at + 2);
  buf.writeUInt16LE(n, at);
  return at + 2 + n;
}

/**
 * The records of segment `segment`, up to the first one that is cut short or fails its
 * checksum: what follows was being written when the process died (so never acknowledged), or
 * is left from the file's earlier life.
 */
export function decode(buf: Buffer, segment: number): JournalRecord[] {
  const out: JournalRecord[] = [];
  const seed = seedOf(segment);
  let at = 0;
  while (at + HEADER <= buf.length) {
    const size = buf.readUInt32LE(at);
    const start = at + HEADER;
    const end = start + size;
    if (size < MIN_BODY || end > buf.length) break;
    const body = buf.subarray(start, end);
    const crc = buf.readUInt32LE(at + 4);
    const valid =
      body[0] === VERSION
        ? crc32(body, seed) === crc
        : body[0] === UNSEEDED_VERSION && crc32(body) === crc;
    if (!valid) break;
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
