// db/schema-pg.ts is db/schema.ts on PostgreSQL: the same tables, columns (translated types, nullability,
// defaults, keys) and indexes (columns, uniqueness, partial conditions), apart from the search columns that
// stand in for SQLite's FTS5 tables. A column added to one schema and not the other fails here.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { is, type SQL } from "drizzle-orm";
import { getTableConfig as pgTableConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { expect, test } from "vitest";
import * as sqliteSchema from "./schema";
import * as pgSchema from "./schema-pg";

/** Postgres' stand-ins for FTS5 (which lives in custom SQLite migrations, outside schema.ts). */
const PG_ONLY = { tables: ["turn_search"], columns: ["labels.note_search"], indexes: ["labels_note_search"] };

/** Times in epoch ms that adapters give to the microsecond (nsToMs): SQLite's INTEGER affinity stores those
 * as REAL, Postgres needs the column to say so (db/schema-pg.ts `msTime`). */
const FRACTIONAL_MS = ["sessions.started_at", "sessions.ended_at", "turns.started_at", "turns.ended_at"];

const SQLITE_TO_PG_TYPE: Record<string, string> = {
  integer: "bigint",
  real: "double precision",
  text: 'text COLLATE "C"',
};

interface ColumnLike {
  name: string;
  notNull: boolean;
  primary: boolean;
  isUnique: boolean;
  default: unknown;
  getSQLType(): string;
}
interface IndexLike {
  config: { name?: string; unique: boolean; columns: unknown[]; where?: SQL };
}

const sqlText = (value: unknown): string =>
  value && typeof value === "object" && "queryChunks" in value
    ? (value as SQL).queryChunks
        .map((chunk) => ((chunk as { value?: string[] }).value ?? []).join(""))
        .join("")
    : String((value as { name?: string })?.name ?? value);

interface TableFacts {
  name: string;
  columns: Record<
    string,
    { type: string; notNull: boolean; primary: boolean; unique: boolean; default: unknown }
  >;
  primaryKeys: string[][];
  indexes: Record<string, { unique: boolean; columns: string[]; where: string | null }>;
}

function describeTable(
  config: {
    name: string;
    columns: ColumnLike[];
    indexes: IndexLike[];
    primaryKeys: { columns: { name: string }[] }[];
  },
  type: (column: ColumnLike) => string,
): TableFacts {
  return {
    name: config.name,
    columns: Object.fromEntries(
      config.columns
        .filter((column) => !PG_ONLY.columns.includes(`${config.name}.${column.name}`))
        .map((column) => [
          column.name,
          {
            type: type(column),
            notNull: column.notNull,
            primary: column.primary,
            unique: column.isUnique,
            default: column.default ?? null,
          },
        ]),
    ),
    primaryKeys: config.primaryKeys.map((key) => key.columns.map((column) => column.name)),
    indexes: Object.fromEntries(
      config.indexes
        .filter((index) => !PG_ONLY.indexes.includes(index.config.name ?? ""))
        .map((index): [string, TableFacts["indexes"][string]] => [
          index.config.name ?? "",
          {
            unique: index.config.unique,
            columns: index.config.columns.map(sqlText),
            where: index.config.where ? sqlText(index.config.where) : null,
          },
        ]),
    ),
  };
}

const sqliteTables = (Object.values(sqliteSchema) as unknown[])
  .filter((value): value is SQLiteTable => is(value, SQLiteTable))
  .map((table) => {
    const config = sqliteTableConfig(table);
    return describeTable(config, (column) =>
      FRACTIONAL_MS.includes(`${config.name}.${column.name}`)
        ? "double precision"
        : (SQLITE_TO_PG_TYPE[column.getSQLType()] ?? column.getSQLType()),
    );
  });
const pgTables = (Object.values(pgSchema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable))
  .filter((table) => !PG_ONLY.tables.includes(pgTableConfig(table).name))
  .map((table) => describeTable(pgTableConfig(table) as never, (column) => column.getSQLType()));

const byName = <T extends { name: string }>(tables: T[]) =>
  Object.fromEntries(tables.map((table) => [table.name, table]));

test("both schemas define the same tables, columns, keys and indexes", () => {
  expect(sqliteTables.length).toBeGreaterThan(15);
  expect(byName(pgTables)).toEqual(byName(sqliteTables));
});

test("the comparison sees a difference: a column's type, nullability and an index's condition", () => {
  const [first] = sqliteTables.filter((table) => table.name === "log_records");
  const changed = structuredClone(first!);
  changed.columns.turn_key!.notNull = true;
  expect(changed).not.toEqual(first);
  expect(first!.indexes.log_records_turn!.where).toBe("turn_key IS NOT NULL");
  expect(first!.columns.id).toEqual({
    type: "bigint",
    notNull: true,
    primary: true,
    unique: false,
    default: null,
  });
});

test("db/migrations-pg is what drizzle-kit generates from db/schema-pg.ts (nothing left to generate)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracemark-pg-migrations-"));
  try {
    fs.cpSync(path.join("db", "migrations-pg"), path.join(dir, "migrations"), { recursive: true });
    const config = path.join(dir, "drizzle.config.json");
    fs.writeFileSync(
      config,
      // drizzle-kit prefixes `out` with "./": it must be relative to the working directory
      JSON.stringify({
        dialect: "postgresql",
        schema: "./db/schema-pg.ts",
        out: path.relative(process.cwd(), path.join(dir, "migrations")),
      }),
    );
    const output = execFileSync(
      path.resolve("node_modules", ".bin", "drizzle-kit"),
      ["generate", "--config", config],
      {
        encoding: "utf8",
      },
    );
    expect(output).toMatch(/No schema changes/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
