ALTER TABLE "sessions" ALTER COLUMN "started_at" SET DATA TYPE double precision;--> statement-breakpoint
ALTER TABLE "sessions" ALTER COLUMN "ended_at" SET DATA TYPE double precision;--> statement-breakpoint
ALTER TABLE "turns" ALTER COLUMN "started_at" SET DATA TYPE double precision;--> statement-breakpoint
ALTER TABLE "turns" ALTER COLUMN "ended_at" SET DATA TYPE double precision;