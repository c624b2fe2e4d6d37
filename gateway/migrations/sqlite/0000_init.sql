CREATE TABLE `account_member_pixels` (
	`account_id` text NOT NULL,
	`user_id` text NOT NULL,
	`pixel_id` text NOT NULL,
	PRIMARY KEY(`account_id`, `user_id`, `pixel_id`)
);
--> statement-breakpoint
CREATE TABLE `account_members` (
	`account_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`account_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `account_members_user` ON `account_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`managed` integer NOT NULL,
	`status` text NOT NULL,
	`manage_requested_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `api_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`secret_hash` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_accounts_name_unique` ON `api_accounts` (`name`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` text,
	`actor_label` text NOT NULL,
	`account_id` text,
	`action` text NOT NULL,
	`target` text,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_account` ON `audit_log` (`account_id`,`at`);--> statement-breakpoint
CREATE TABLE `counters` (
	`pixel_id` text NOT NULL,
	`account_id` text NOT NULL,
	`minute` integer NOT NULL,
	`event_name` text NOT NULL,
	`received` integer DEFAULT 0 NOT NULL,
	`published` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`pixel_id`, `minute`, `event_name`)
);
--> statement-breakpoint
CREATE INDEX `counters_account` ON `counters` (`account_id`,`minute`);--> statement-breakpoint
CREATE TABLE `domains` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`hostname` text NOT NULL,
	`kind` text NOT NULL,
	`pixel_id` text,
	`status` text NOT NULL,
	`checked_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `domains_account` ON `domains` (`account_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `domains_unique` ON `domains` (`kind`,`hostname`,`account_id`);--> statement-breakpoint
CREATE TABLE `event_errors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pixel_id` text NOT NULL,
	`account_id` text NOT NULL,
	`at` integer NOT NULL,
	`event_name` text,
	`event_id` text,
	`reason` text NOT NULL,
	`code` integer,
	`subcode` integer,
	`message` text NOT NULL,
	`fbtrace_id` text
);
--> statement-breakpoint
CREATE INDEX `event_errors_pixel` ON `event_errors` (`pixel_id`,`at`);--> statement-breakpoint
CREATE TABLE `host` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`claimed_at` integer,
	`settings` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `host_member_accounts` (
	`user_id` text NOT NULL,
	`account_id` text NOT NULL,
	PRIMARY KEY(`user_id`, `account_id`)
);
--> statement-breakpoint
CREATE TABLE `host_members` (
	`user_id` text PRIMARY KEY NOT NULL,
	`role` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`kind` text NOT NULL,
	`email` text NOT NULL,
	`scope` text NOT NULL,
	`account_id` text,
	`role` text NOT NULL,
	`invited_by` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_hash_unique` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE TABLE `pixels` (
	`pixel_id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`access_token_enc` text NOT NULL,
	`token_last4` text NOT NULL,
	`token_status` text NOT NULL,
	`access_key_hash` text NOT NULL,
	`receiving` integer NOT NULL,
	`publishing` integer NOT NULL,
	`test_event_code` text,
	`blocked_events` text NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `pixels_account` ON `pixels` (`account_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`kind` text NOT NULL,
	`user_id` text,
	`api_account_id` text,
	`csrf_token` text,
	`label` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_token_hash_unique` ON `sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`password_hash` text,
	`status` text NOT NULL,
	`totp_secret_enc` text,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`created_at` integer NOT NULL,
	`password_changed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);