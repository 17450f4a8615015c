import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, expect, test } from "vitest";
import { openDb } from "./client";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

test("applies the committed migrations, and refuses an index written by a newer tracemark, naming its path", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracemark-db-"));
  dirs.push(dir);
  const file = path.join(dir, "index.sqlite");
  const db = openDb(file);
  const tables = db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
    name: string;
  }[];
  expect(tables.map((t) => t.name)).toEqual(
    expect.arrayContaining([
      "requests",
      "log_records",
      "spans",
      "metric_points",
      "sessions",
      "turns",
      "labels",
      "turn_search",
    ]),
  );
  db.$client.close();

  const raw = new Database(file);
  raw
    .prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('from-the-future', 99999999999999)")
    .run();
  raw.close();
  expect(() => openDb(file)).toThrow(
    new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}.*newer tracemark`),
  );
});
