// Test-only access to the real OTLP captures in ../shared/fixtures/otlp (path relative to the repo root,
// where vitest runs). Walks the tree: no hard-coded list, so new captures are picked up.
import fs from "node:fs";
import path from "node:path";
import { FIXTURES_DIR } from "@/e2e/support/fixtures-dir";
import type { OtlpEncoding } from "../decode";
import type { Signal } from "../types";

export { FIXTURES_DIR };

const BODY = /^\d+-(logs|traces|metrics)\.(bin|json)$/;

export interface FixtureBody {
  file: string;
  signal: Signal;
  encoding: OtlpEncoding;
  bytes: Buffer;
}

export interface FixtureFolder {
  dir: string;
  bodies: FixtureBody[];
  /** expected.json's record_counts. */
  counts: { log_records: number; spans: number; metric_data_points: number };
}

export function fixtureFolders(dir = FIXTURES_DIR, out: FixtureFolder[] = []): FixtureFolder[] {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  if (entries.some((e) => e.name === "expected.json")) {
    const expected = JSON.parse(fs.readFileSync(path.join(dir, "expected.json"), "utf8")) as {
      record_counts: FixtureFolder["counts"];
    };
    out.push({ dir, bodies: bodiesIn(dir, entries), counts: expected.record_counts });
  }
  for (const entry of entries) if (entry.isDirectory()) fixtureFolders(path.join(dir, entry.name), out);
  return out;
}

function bodiesIn(dir: string, entries: fs.Dirent[]): FixtureBody[] {
  const bodies: FixtureBody[] = [];
  for (const entry of entries) {
    const match = BODY.exec(entry.name);
    if (!match || !entry.isFile()) continue;
    const file = path.join(dir, entry.name);
    const signal = match[1] as Signal;
    const encoding = match[2] === "bin" ? "protobuf" : "json";
    bodies.push({ file, signal, encoding, bytes: fs.readFileSync(file) });
  }
  return bodies;
}

export function allFixtureBodies(): FixtureBody[] {
  return fixtureFolders().flatMap((folder) => folder.bodies);
}

/** Short name for test titles: "claude-code/bash/grpc/0001-traces.bin". */
export function label(file: string): string {
  return path.relative(FIXTURES_DIR, file);
}
