CREATE TABLE "triggers" (
	"id" text PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"name" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"secret_ciphertext" text,
	"previous_secret_ciphertext" text,
	"previous_secret_expires_at" timestamp (3) with time zone,
	"ip_allowlist" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rate_limit" jsonb DEFAULT '{"maxRequests":60,"windowSeconds":60}'::jsonb NOT NULL,
	"team_id" text,
	"template_id" text,
	"autopilot" boolean DEFAULT true NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"trigger_id" text,
	"delivery_id" text,
	"outcome" text NOT NULL,
	"reason" text,
	"goal_id" text,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"request" jsonb,
	"start_status" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "triggers_default_per_source_uq" ON "triggers" USING btree ("source") WHERE "triggers"."is_default";--> statement-breakpoint
CREATE INDEX "triggers_created_at_id_idx" ON "triggers" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_accepted_uq" ON "webhook_deliveries" USING btree ("source","delivery_id") WHERE "webhook_deliveries"."outcome" = 'accepted';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_trigger_created_idx" ON "webhook_deliveries" USING btree ("trigger_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "webhook_deliveries_pending_idx" ON "webhook_deliveries" USING btree ("start_status") WHERE "webhook_deliveries"."start_status" = 'pending';