CREATE TABLE "ci_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ci_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"ci_id" bigint NOT NULL,
	"actor_id" bigint,
	"kind" text NOT NULL,
	"changes" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ci_relations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ci_relations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"source_id" bigint NOT NULL,
	"target_id" bigint NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ci_usages" (
	"ci_id" bigint NOT NULL,
	"entity_id" bigint NOT NULL,
	CONSTRAINT "ci_usages_ci_id_entity_id_pk" PRIMARY KEY("ci_id","entity_id")
);
--> statement-breakpoint
CREATE TABLE "config_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "config_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"class" text NOT NULL,
	"name" text NOT NULL,
	"name_folded" text GENERATED ALWAYS AS (guichet_fold(name)) STORED,
	"status" text NOT NULL,
	"entity_id" bigint NOT NULL,
	"site_id" bigint,
	"owner_id" bigint,
	"serial_number" text,
	"inventory_number" text,
	"hostname" text,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_items" (
	"ticket_id" bigint NOT NULL,
	"ci_id" bigint NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_items_ticket_id_ci_id_pk" PRIMARY KEY("ticket_id","ci_id")
);
--> statement-breakpoint
ALTER TABLE "ci_events" ADD CONSTRAINT "ci_events_ci_id_config_items_id_fk" FOREIGN KEY ("ci_id") REFERENCES "public"."config_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_events" ADD CONSTRAINT "ci_events_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_relations" ADD CONSTRAINT "ci_relations_source_id_config_items_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."config_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_relations" ADD CONSTRAINT "ci_relations_target_id_config_items_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."config_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_relations" ADD CONSTRAINT "ci_relations_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_usages" ADD CONSTRAINT "ci_usages_ci_id_config_items_id_fk" FOREIGN KEY ("ci_id") REFERENCES "public"."config_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_usages" ADD CONSTRAINT "ci_usages_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "config_items" ADD CONSTRAINT "config_items_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "config_items" ADD CONSTRAINT "config_items_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "config_items" ADD CONSTRAINT "config_items_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_items" ADD CONSTRAINT "ticket_items_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_items" ADD CONSTRAINT "ticket_items_ci_id_config_items_id_fk" FOREIGN KEY ("ci_id") REFERENCES "public"."config_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_items" ADD CONSTRAINT "ticket_items_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ci_events_ci_idx" ON "ci_events" USING btree ("ci_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "ci_relations_key" ON "ci_relations" USING btree ("source_id","kind","target_id");--> statement-breakpoint
CREATE INDEX "ci_relations_target_idx" ON "ci_relations" USING btree ("target_id");--> statement-breakpoint
CREATE INDEX "ci_usages_entity_idx" ON "ci_usages" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "config_items_entity_class_idx" ON "config_items" USING btree ("entity_id","class","name_folded","id");--> statement-breakpoint
CREATE INDEX "config_items_site_idx" ON "config_items" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "config_items_owner_idx" ON "config_items" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "config_items_serial_idx" ON "config_items" USING btree (lower("serial_number"));--> statement-breakpoint
CREATE INDEX "config_items_inventory_idx" ON "config_items" USING btree (lower("inventory_number"));--> statement-breakpoint
CREATE INDEX "config_items_hostname_idx" ON "config_items" USING btree (lower("hostname"));--> statement-breakpoint
CREATE INDEX "config_items_name_folded_trgm_idx" ON "config_items" USING gin ("name_folded" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "config_items_name_order_idx" ON "config_items" USING btree ("name_folded","id");--> statement-breakpoint
CREATE INDEX "ticket_items_ci_idx" ON "ticket_items" USING btree ("ci_id");