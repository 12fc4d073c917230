DROP INDEX `entries_record`;--> statement-breakpoint
DROP INDEX `entries_actor`;--> statement-breakpoint
DROP INDEX `entries_action`;--> statement-breakpoint
CREATE INDEX `entries_record_id` ON `entries` (`record_type`,`record_id`);--> statement-breakpoint
CREATE INDEX `entries_actor_id` ON `entries` (`actor_id`,`trail`);--> statement-breakpoint
CREATE INDEX `entries_action_id` ON `entries` (`action`,`trail`);