CREATE TABLE "outbox_batch" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"lease_owner" text NOT NULL,
	"lease_until" bigint NOT NULL,
	"created_at" bigint NOT NULL,
	"pixel_ids" text[] NOT NULL,
	"account_ids" text[] NOT NULL,
	"event_names" text[] NOT NULL,
	"payloads" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "outbox_batch_lease" ON "outbox_batch" USING btree ("lease_until");