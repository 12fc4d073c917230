-- Hand-written: the append-only triggers for the evidence tables added in 0002.
CREATE TRIGGER `accounts_no_update` BEFORE UPDATE ON `accounts` BEGIN SELECT RAISE(ABORT, 'accounts is append-only: evidence is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `accounts_no_delete` BEFORE DELETE ON `accounts` BEGIN SELECT RAISE(ABORT, 'accounts is append-only: evidence is never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `account_versions_no_update` BEFORE UPDATE ON `account_versions` BEGIN SELECT RAISE(ABORT, 'account_versions is append-only: evidence is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `account_versions_no_delete` BEFORE DELETE ON `account_versions` BEGIN SELECT RAISE(ABORT, 'account_versions is append-only: evidence is never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `api_tokens_no_update` BEFORE UPDATE ON `api_tokens` BEGIN SELECT RAISE(ABORT, 'api_tokens is append-only: evidence is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `api_tokens_no_delete` BEFORE DELETE ON `api_tokens` BEGIN SELECT RAISE(ABORT, 'api_tokens is append-only: evidence is never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `api_token_revocations_no_update` BEFORE UPDATE ON `api_token_revocations` BEGIN SELECT RAISE(ABORT, 'api_token_revocations is append-only: evidence is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `api_token_revocations_no_delete` BEFORE DELETE ON `api_token_revocations` BEGIN SELECT RAISE(ABORT, 'api_token_revocations is append-only: evidence is never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `settings_versions_no_update` BEFORE UPDATE ON `settings_versions` BEGIN SELECT RAISE(ABORT, 'settings_versions is append-only: evidence is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `settings_versions_no_delete` BEFORE DELETE ON `settings_versions` BEGIN SELECT RAISE(ABORT, 'settings_versions is append-only: evidence is never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `attachments_no_update` BEFORE UPDATE ON `attachments` BEGIN SELECT RAISE(ABORT, 'attachments is append-only: evidence is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `attachments_no_delete` BEFORE DELETE ON `attachments` BEGIN SELECT RAISE(ABORT, 'attachments is append-only: evidence is never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `plugin_events_no_update` BEFORE UPDATE ON `plugin_events` BEGIN SELECT RAISE(ABORT, 'plugin_events is append-only: evidence is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `plugin_events_no_delete` BEFORE DELETE ON `plugin_events` BEGIN SELECT RAISE(ABORT, 'plugin_events is append-only: evidence is never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `publisher_keys_no_update` BEFORE UPDATE ON `publisher_keys` BEGIN SELECT RAISE(ABORT, 'publisher_keys is append-only: evidence is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `publisher_keys_no_delete` BEFORE DELETE ON `publisher_keys` BEGIN SELECT RAISE(ABORT, 'publisher_keys is append-only: evidence is never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `signatures_no_update` BEFORE UPDATE ON `signatures` BEGIN SELECT RAISE(ABORT, 'signatures is append-only: evidence is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `signatures_no_delete` BEFORE DELETE ON `signatures` BEGIN SELECT RAISE(ABORT, 'signatures is append-only: evidence is never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `signature_withdrawals_no_update` BEFORE UPDATE ON `signature_withdrawals` BEGIN SELECT RAISE(ABORT, 'signature_withdrawals is append-only: evidence is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `signature_withdrawals_no_delete` BEFORE DELETE ON `signature_withdrawals` BEGIN SELECT RAISE(ABORT, 'signature_withdrawals is append-only: evidence is never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `reviews_no_update` BEFORE UPDATE ON `reviews` BEGIN SELECT RAISE(ABORT, 'reviews is append-only: evidence is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `reviews_no_delete` BEFORE DELETE ON `reviews` BEGIN SELECT RAISE(ABORT, 'reviews is append-only: evidence is never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `review_findings_no_update` BEFORE UPDATE ON `review_findings` BEGIN SELECT RAISE(ABORT, 'review_findings is append-only: evidence is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `review_findings_no_delete` BEFORE DELETE ON `review_findings` BEGIN SELECT RAISE(ABORT, 'review_findings is append-only: evidence is never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `finding_resolutions_no_update` BEFORE UPDATE ON `finding_resolutions` BEGIN SELECT RAISE(ABORT, 'finding_resolutions is append-only: evidence is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `finding_resolutions_no_delete` BEFORE DELETE ON `finding_resolutions` BEGIN SELECT RAISE(ABORT, 'finding_resolutions is append-only: evidence is never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `review_completions_no_update` BEFORE UPDATE ON `review_completions` BEGIN SELECT RAISE(ABORT, 'review_completions is append-only: evidence is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `review_completions_no_delete` BEFORE DELETE ON `review_completions` BEGIN SELECT RAISE(ABORT, 'review_completions is append-only: evidence is never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `alerts_no_update` BEFORE UPDATE ON `alerts` BEGIN SELECT RAISE(ABORT, 'alerts is append-only: evidence is never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `alerts_no_delete` BEFORE DELETE ON `alerts` BEGIN SELECT RAISE(ABORT, 'alerts is append-only: evidence is never deleted'); END;
