DROP INDEX "tickets_entity_updated_idx";--> statement-breakpoint
DROP INDEX "tickets_updated_idx";--> statement-breakpoint
DROP INDEX "tickets_open_assignee_idx";--> statement-breakpoint
DROP INDEX "tickets_open_group_idx";--> statement-breakpoint
DROP INDEX "tickets_requester_idx";--> statement-breakpoint
DROP INDEX "tickets_status_idx";--> statement-breakpoint
CREATE INDEX "tickets_created_by_idx" ON "tickets" USING btree ("created_by","updated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "tickets_entity_updated_idx" ON "tickets" USING btree ("entity_id","updated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "tickets_updated_idx" ON "tickets" USING btree ("updated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "tickets_open_assignee_idx" ON "tickets" USING btree ("assignee_id","updated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE status in ('new','assigned','in_progress','pending');--> statement-breakpoint
CREATE INDEX "tickets_open_group_idx" ON "tickets" USING btree ("group_id","updated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE status in ('new','assigned','in_progress','pending');--> statement-breakpoint
CREATE INDEX "tickets_requester_idx" ON "tickets" USING btree ("requester_id","updated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "tickets_status_idx" ON "tickets" USING btree ("status","updated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);