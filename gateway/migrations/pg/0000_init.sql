CREATE TABLE "account_member_pixels" (
	"account_id" text NOT NULL,
	"user_id" text NOT NULL,
	"pixel_id" text NOT NULL,
	CONSTRAINT "account_member_pixels_account_id_user_id_pixel_id_pk" PRIMARY KEY("account_id","user_id","pixel_id")
);
--> statement-breakpoint
CREATE TABLE "account_members" (
	"account_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "account_members_account_id_user_id_pk" PRIMARY KEY("account_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"managed" boolean NOT NULL,
	"status" text NOT NULL,
	"manage_requested_at" bigint,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_by" text,
	"created_at" bigint NOT NULL,
	CONSTRAINT "api_accounts_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" bigint NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"actor_label" text NOT NULL,
	"account_id" text,
	"action" text NOT NULL,
	"target" text,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "counters" (
	"pixel_id" text NOT NULL,
	"account_id" text NOT NULL,
	"minute" bigint NOT NULL,
	"event_name" text NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"published" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "counters_pixel_id_minute_event_name_pk" PRIMARY KEY("pixel_id","minute","event_name")
);
--> statement-breakpoint
CREATE TABLE "domains" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"hostname" text NOT NULL,
	"kind" text NOT NULL,
	"pixel_id" text,
	"status" text NOT NULL,
	"checked_at" bigint,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_errors" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"pixel_id" text NOT NULL,
	"account_id" text NOT NULL,
	"at" bigint NOT NULL,
	"event_name" text,
	"event_id" text,
	"reason" text NOT NULL,
	"code" integer,
	"subcode" integer,
	"message" text NOT NULL,
	"fbtrace_id" text
);
--> statement-breakpoint
CREATE TABLE "host" (
	"id" integer PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"claimed_at" bigint,
	"settings" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "host_member_accounts" (
	"user_id" text NOT NULL,
	"account_id" text NOT NULL,
	CONSTRAINT "host_member_accounts_user_id_account_id_pk" PRIMARY KEY("user_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "host_members" (
	"user_id" text PRIMARY KEY NOT NULL,
	"role" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"kind" text NOT NULL,
	"email" text NOT NULL,
	"scope" text NOT NULL,
	"account_id" text,
	"role" text NOT NULL,
	"invited_by" text,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"used_at" bigint,
	CONSTRAINT "invitations_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"pixel_id" text NOT NULL,
	"account_id" text NOT NULL,
	"event_name" text NOT NULL,
	"payload" text NOT NULL,
	"created_at" bigint NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" bigint NOT NULL,
	"lease_owner" text,
	"lease_until" bigint
);
--> statement-breakpoint
CREATE TABLE "pixels" (
	"pixel_id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"name" text NOT NULL,
	"access_token_enc" text NOT NULL,
	"token_last4" text NOT NULL,
	"token_status" text NOT NULL,
	"access_key_hash" text NOT NULL,
	"receiving" boolean NOT NULL,
	"publishing" boolean NOT NULL,
	"test_event_code" text,
	"blocked_events" jsonb NOT NULL,
	"last_error" jsonb,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"kind" text NOT NULL,
	"user_id" text,
	"api_account_id" text,
	"csrf_token" text,
	"label" text,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"last_seen_at" bigint NOT NULL,
	"revoked_at" bigint,
	CONSTRAINT "sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"password_hash" text,
	"status" text NOT NULL,
	"totp_secret_enc" text,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" bigint,
	"created_at" bigint NOT NULL,
	"password_changed_at" bigint,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE INDEX "account_members_user" ON "account_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_account" ON "audit_log" USING btree ("account_id","at");--> statement-breakpoint
CREATE INDEX "counters_account" ON "counters" USING btree ("account_id","minute");--> statement-breakpoint
CREATE INDEX "domains_account" ON "domains" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "domains_unique" ON "domains" USING btree ("kind","hostname","account_id");--> statement-breakpoint
CREATE INDEX "event_errors_pixel" ON "event_errors" USING btree ("pixel_id","at");--> statement-breakpoint
CREATE INDEX "outbox_due" ON "outbox" USING btree ("next_attempt_at","id");--> statement-breakpoint
CREATE INDEX "outbox_pixel" ON "outbox" USING btree ("pixel_id");--> statement-breakpoint
CREATE INDEX "pixels_account" ON "pixels" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "sessions_user" ON "sessions" USING btree ("user_id");