DROP INDEX "people_name_trgm_idx";--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "name_folded" text GENERATED ALWAYS AS (guichet_fold(name)) STORED;--> statement-breakpoint
CREATE INDEX "people_name_folded_trgm_idx" ON "people" USING gin ("name_folded" gin_trgm_ops);