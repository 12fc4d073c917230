CREATE TABLE `checkpoints` (
	`id` integer PRIMARY KEY NOT NULL,
	`trail` text NOT NULL,
	`origin` text NOT NULL,
	`size` integer NOT NULL,
	`root_hash` blob NOT NULL,
	`key_id` text NOT NULL,
	`note` text NOT NULL,
	`ts` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkpoints_trail_size` ON `checkpoints` (`trail`,`origin`,`size`);--> statement-breakpoint
CREATE TABLE `entries` (
	`id` integer PRIMARY KEY NOT NULL,
	`trail` text NOT NULL,
	`seq` integer NOT NULL,
	`bytes` text NOT NULL,
	`leaf_hash` blob NOT NULL,
	`ts` text NOT NULL,
	`action` text NOT NULL,
	`actor_id` text NOT NULL,
	`record_type` text,
	`record_id` text,
	`correlation_id` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `entries_trail_seq` ON `entries` (`trail`,`seq`);--> statement-breakpoint
CREATE INDEX `entries_record` ON `entries` (`record_type`,`record_id`,`seq`);--> statement-breakpoint
CREATE INDEX `entries_actor` ON `entries` (`actor_id`,`trail`,`seq`);--> statement-breakpoint
CREATE INDEX `entries_action` ON `entries` (`action`,`trail`,`seq`);--> statement-breakpoint
CREATE INDEX `entries_ts` ON `entries` (`trail`,`ts`);--> statement-breakpoint
CREATE TABLE `installs` (
	`epoch` integer PRIMARY KEY NOT NULL,
	`install_id` text NOT NULL,
	`ts` text NOT NULL,
	`cites` text
);
--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`progress` integer DEFAULT 0 NOT NULL,
	`total` integer,
	`result` text,
	`started_at` text NOT NULL,
	`updated_at` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `record_types` (
	`id` text NOT NULL,
	`version` text NOT NULL,
	`definition` text NOT NULL,
	`sha256` text NOT NULL,
	`ts` text NOT NULL,
	PRIMARY KEY(`id`, `version`)
);
--> statement-breakpoint
CREATE TABLE `record_versions` (
	`record_type` text NOT NULL,
	`record_id` text NOT NULL,
	`version` integer NOT NULL,
	`type_version` text NOT NULL,
	`data` text,
	`deleted` integer NOT NULL,
	`seq` integer NOT NULL,
	`ts` text NOT NULL,
	`actor_id` text NOT NULL,
	PRIMARY KEY(`record_type`, `record_id`, `version`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `record_versions_seq` ON `record_versions` (`seq`);--> statement-breakpoint
CREATE TABLE `tree_nodes` (
	`trail` text NOT NULL,
	`level` integer NOT NULL,
	`idx` integer NOT NULL,
	`hash` blob NOT NULL,
	PRIMARY KEY(`trail`, `level`, `idx`)
) WITHOUT ROWID;
