CREATE TABLE `account_versions` (
	`account_id` text NOT NULL,
	`version` integer NOT NULL,
	`display_name` text NOT NULL,
	`roles` text NOT NULL,
	`status` text NOT NULL,
	`password_hash` text,
	`password_set_ts` text,
	`must_change_password` integer NOT NULL,
	`totp_secret` text,
	`signature_accepted_ts` text,
	`seq` integer NOT NULL,
	`ts` text NOT NULL,
	`actor_id` text NOT NULL,
	PRIMARY KEY(`account_id`, `version`)
);
--> statement-breakpoint
CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`kind` text NOT NULL,
	`ts` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_username_unique` ON `accounts` (`username`);--> statement-breakpoint
CREATE TABLE `alert_deliveries` (
	`alert_id` text PRIMARY KEY NOT NULL,
	`attempts` integer NOT NULL,
	`delivered_at` text,
	`last_error` text
);
--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`severity` text NOT NULL,
	`message` text NOT NULL,
	`details` text,
	`seq` integer,
	`ts` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `api_token_revocations` (
	`token_id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`ts` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`seq` integer NOT NULL,
	`ts` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`media_type` text NOT NULL,
	`filename` text,
	`seq` integer NOT NULL,
	`ts` text NOT NULL,
	`actor_id` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `backups` (
	`id` text PRIMARY KEY NOT NULL,
	`target` text NOT NULL,
	`kind` text NOT NULL,
	`generation` text NOT NULL,
	`position` integer NOT NULL,
	`status` text NOT NULL,
	`bytes` integer,
	`sha256` text,
	`manifest` text,
	`error` text,
	`started_at` text NOT NULL,
	`finished_at` text
);
--> statement-breakpoint
CREATE TABLE `finding_resolutions` (
	`id` integer PRIMARY KEY NOT NULL,
	`finding_id` text NOT NULL,
	`note` text NOT NULL,
	`reference` text,
	`actor_id` text NOT NULL,
	`seq` integer NOT NULL,
	`ts` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`key` text NOT NULL,
	`account_id` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer NOT NULL,
	`response` text NOT NULL,
	`ts` text NOT NULL,
	PRIMARY KEY(`account_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `lockouts` (
	`account_id` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`locked` integer NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `plugin_events` (
	`id` integer PRIMARY KEY NOT NULL,
	`plugin_id` text NOT NULL,
	`version` text NOT NULL,
	`event` text NOT NULL,
	`manifest_hash` text NOT NULL,
	`publisher_key` text,
	`seq` integer NOT NULL,
	`ts` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `plugin_events_plugin` ON `plugin_events` (`plugin_id`,`id`);--> statement-breakpoint
CREATE TABLE `publisher_keys` (
	`id` integer PRIMARY KEY NOT NULL,
	`key_id` text NOT NULL,
	`verifier_key` text NOT NULL,
	`name` text NOT NULL,
	`event` text NOT NULL,
	`seq` integer NOT NULL,
	`ts` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `review_completions` (
	`review_id` text PRIMARY KEY NOT NULL,
	`conclusion` text NOT NULL,
	`reviewer_id` text NOT NULL,
	`signature_id` text,
	`seq` integer NOT NULL,
	`ts` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `review_findings` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` text NOT NULL,
	`trail` text NOT NULL,
	`entry_seq` integer NOT NULL,
	`rule_id` text NOT NULL,
	`rule_version` text NOT NULL,
	`pack` text NOT NULL,
	`pack_hash` text NOT NULL,
	`severity` text NOT NULL,
	`message` text NOT NULL,
	`details` text
);
--> statement-breakpoint
CREATE INDEX `review_findings_review` ON `review_findings` (`review_id`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`ranges` text NOT NULL,
	`entry_count` integer NOT NULL,
	`sample_seed` integer,
	`opened_by` text NOT NULL,
	`seq` integer NOT NULL,
	`ts` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`account_id` text NOT NULL,
	`role` text,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`ended_at` text,
	`end_reason` text,
	`signed_once` integer DEFAULT false NOT NULL,
	`ip` text NOT NULL,
	`user_agent` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_token_hash_unique` ON `sessions` (`token_hash`);--> statement-breakpoint
CREATE TABLE `settings_versions` (
	`version` integer PRIMARY KEY NOT NULL,
	`settings` text NOT NULL,
	`seq` integer NOT NULL,
	`ts` text NOT NULL,
	`actor_id` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `signature_withdrawals` (
	`signature_id` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`actor_id` text NOT NULL,
	`seq` integer NOT NULL,
	`ts` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `signatures` (
	`id` text PRIMARY KEY NOT NULL,
	`record_type` text NOT NULL,
	`record_id` text NOT NULL,
	`record_version` integer NOT NULL,
	`record_hash` text NOT NULL,
	`meaning` text NOT NULL,
	`signer_id` text NOT NULL,
	`signer_username` text NOT NULL,
	`signer_name` text NOT NULL,
	`signer_role` text NOT NULL,
	`ts` text NOT NULL,
	`tz` text NOT NULL,
	`seq` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `signatures_record` ON `signatures` (`record_type`,`record_id`,`record_version`);