// drizzle-kit for the PostgreSQL engine: `npx drizzle-kit generate --config drizzle.pg.config.ts` writes
// db/migrations-pg from db/schema-pg.ts (the SQLite engine's config is drizzle.config.ts).
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema-pg.ts",
  out: "./db/migrations-pg",
});
