-- Hand-written (drizzle-kit cannot express these). 0000_init.sql was edited by hand to make
-- tree_nodes and record_versions WITHOUT ROWID tables (smaller, one B-tree per insert).
--
-- Evidence tables are append-only: UPDATE and DELETE abort. Dropping these triggers needs
-- direct database access, and `veritrail verify` catches what such a person changes.
CREATE TRIGGER `installs_no_update` BEFORE UPDATE ON `installs` BEGIN SELECT RAISE(ABORT, 'installs is append-only: evidence is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `installs_no_delete` BEFORE DELETE ON `installs` BEGIN SELECT RAISE(ABORT, 'installs is append-only: evidence is never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `entries_no_update` BEFORE UPDATE ON `entries` BEGIN SELECT RAISE(ABORT, 'entries is append-only: evidence is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `entries_no_delete` BEFORE DELETE ON `entries` BEGIN SELECT RAISE(ABORT, 'entries is append-only: evidence is never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `tree_nodes_no_update` BEFORE UPDATE ON `tree_nodes` BEGIN SELECT RAISE(ABORT, 'tree_nodes is append-only: evidence is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `tree_nodes_no_delete` BEFORE DELETE ON `tree_nodes` BEGIN SELECT RAISE(ABORT, 'tree_nodes is append-only: evidence is never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `checkpoints_no_update` BEFORE UPDATE ON `checkpoints` BEGIN SELECT RAISE(ABORT, 'checkpoints is append-only: evidence is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `checkpoints_no_delete` BEFORE DELETE ON `checkpoints` BEGIN SELECT RAISE(ABORT, 'checkpoints is append-only: evidence is never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `record_types_no_update` BEFORE UPDATE ON `record_types` BEGIN SELECT RAISE(ABORT, 'record_types is append-only: evidence is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `record_types_no_delete` BEFORE DELETE ON `record_types` BEGIN SELECT RAISE(ABORT, 'record_types is append-only: evidence is never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `record_versions_no_update` BEFORE UPDATE ON `record_versions` BEGIN SELECT RAISE(ABORT, 'record_versions is append-only: evidence is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `record_versions_no_delete` BEFORE DELETE ON `record_versions` BEGIN SELECT RAISE(ABORT, 'record_versions is append-only: evidence is never deleted'); END;
--> statement-breakpoint
-- Full-text search: a contentless trigram index over text extracted from each entry (labels in
-- both languages, values, reasons, names); rowid = entries.id. Contentless FTS5 tables reject
-- UPDATE and DELETE by construction.
CREATE VIRTUAL TABLE `entry_search` USING fts5(`body`, content='', tokenize='trigram');
