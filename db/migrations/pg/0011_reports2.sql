CREATE TABLE "recurring_decisions" (
	"series_key" text PRIMARY KEY NOT NULL,
	"status" text,
	"name" text,
	"updated_at" timestamp with time zone DEFAULT now()
);
