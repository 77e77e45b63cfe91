CREATE TABLE "ticket_facts" (
	"ticket_id" bigint PRIMARY KEY NOT NULL,
	"entity_id" bigint NOT NULL,
	"type" text NOT NULL,
	"channel" text NOT NULL,
	"category_id" bigint,
	"site_kind" text,
	"created_at" timestamp with time zone NOT NULL,
	"first_response_at" timestamp with time zone,
	"first_resolved_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"settled_at" timestamp with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"first_contact" boolean DEFAULT false NOT NULL,
	"sla_stopped_at" timestamp with time zone,
	"sla_breached" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ticket_facts" ADD CONSTRAINT "ticket_facts_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_facts" ADD CONSTRAINT "ticket_facts_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ticket_facts_created_idx" ON "ticket_facts" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "ticket_facts_first_response_idx" ON "ticket_facts" USING btree ("first_response_at") WHERE first_response_at is not null;--> statement-breakpoint
CREATE INDEX "ticket_facts_first_resolved_idx" ON "ticket_facts" USING btree ("first_resolved_at") WHERE first_resolved_at is not null;--> statement-breakpoint
CREATE INDEX "ticket_facts_resolved_idx" ON "ticket_facts" USING btree ("resolved_at") WHERE resolved_at is not null;--> statement-breakpoint
CREATE INDEX "ticket_facts_sla_stopped_idx" ON "ticket_facts" USING btree ("sla_stopped_at") WHERE sla_stopped_at is not null;--> statement-breakpoint
CREATE INDEX "ticket_facts_settled_idx" ON "ticket_facts" USING btree (coalesce("settled_at", 'infinity'::timestamptz));--> statement-breakpoint
CREATE INDEX "ticket_facts_entity_idx" ON "ticket_facts" USING btree ("entity_id");