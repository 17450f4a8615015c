// Test support: the real OTLP captures in ../shared/fixtures/otlp as raw bodies with their encoding, for the
// decoder's tests (folders found by fixtures-dir.ts's walk).
import fs from "node:fs";
import path from "node:path";
import type { OtlpEncoding } from "@/ingest/otlp/decode";
import type { Signal } from "@/ingest/otlp/types";
import type { ReceiveInput } from "@/ingest/receiver";
import { FIXTURES_DIR, listCaptureFolders } from "./fixtures-dir";

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

export function fixtureFolders(root = FIXTURES_DIR): FixtureFolder[] {
  return listCaptureFolders(root).map((dir) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    const expected = JSON.parse(fs.readFileSync(path.join(dir, "expected.json"), "utf8")) as {
      record_counts: FixtureFolder["counts"];
    };
    return { dir, bodies: bodiesIn(dir, entries), counts: expected.record_counts };
  });
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

/** A capture's body as the HTTP receiver hands it on (uncompressed). */
export const receiveInputOf = (body: FixtureBody): ReceiveInput => ({
  signal: body.signal,
  encoding: body.encoding,
  transport: "http",
  contentEncoding: null,
  userAgent: "test",
  body: body.bytes,
});

/** Short name for test titles: "claude-code/bash/grpc/0001-traces.bin". */
export function label(file: string): string {
  return path.relative(FIXTURES_DIR, file);
}
