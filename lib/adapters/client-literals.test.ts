// Every client fact lives in lib/adapters: no client id is written as a string literal anywhere else in the
// product (app, components, db, ingest, lib, scripts, server.ts). Tests, committed migrations (history) and
// the module generated from the registry (lib/shared/clients.ts) are data, not knowledge, and are skipped.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { CLIENTS_MODULE_PATH } from "./client-module";
import { CLIENT_ADAPTERS } from "./registry";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const SCANNED = ["app", "components", "db", "ingest", "lib", "scripts", "server.ts"];
const SKIPPED = new Set(["lib/adapters", "db/migrations", CLIENTS_MODULE_PATH]);
const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;

function sourceFiles(relative: string): string[] {
  if (SKIPPED.has(relative)) return [];
  const full = path.join(ROOT, relative);
  if (!fs.statSync(full).isDirectory())
    return SOURCE.test(relative) && !/\.test\.ts$/.test(relative) ? [relative] : [];
  return fs.readdirSync(full).flatMap((name) => sourceFiles(path.posix.join(relative, name)));
}

/** A quoted string that is exactly a client id ("codex", 'codex', `codex`), not a path such as "codex/x". */
const LITERAL = new RegExp(`(["'\`])(${CLIENT_ADAPTERS.map((adapter) => adapter.id).join("|")})\\1`);

test("no client id literal outside lib/adapters", () => {
  const files = SCANNED.flatMap(sourceFiles);
  expect(files.length).toBeGreaterThan(100);
  const offenders = files.flatMap((file) =>
    fs
      .readFileSync(path.join(ROOT, file), "utf8")
      .split("\n")
      .flatMap((line, i) => (LITERAL.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );
  expect(offenders, "ask lib/adapters (the registry) or lib/shared/clients.ts instead").toEqual([]);
});

test("the check sees a literal when there is one", () => {
  expect(LITERAL.test(`if (client === "${CLIENT_ADAPTERS[0]!.id}")`)).toBe(true);
  expect(LITERAL.test(`const CAPTURE = "${CLIENT_ADAPTERS[0]!.id}/multi_turn/http-json";`)).toBe(false);
});
