-- A batch's payloads (40-50 KB for a group commit) were compressed with pglz on every insert:
-- 36 µs of PostgreSQL CPU per event and 2.2 ms per insert of 48 events, against 7 µs and
-- 0.6 ms stored out of line uncompressed. The rows live until delivery, so space matters less.
ALTER TABLE "outbox_batch" ALTER COLUMN "payloads" SET STORAGE EXTERNAL;
