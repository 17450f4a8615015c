// kill -9 during concurrent ingest, 20 times: after every restart, each acknowledged request is in the
// archive, and the index holds exactly what the archive holds (nothing torn, nothing twice).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import Database from "better-sqlite3";
import { afterAll, expect, test } from "vitest";
import { readArchive } from "../support/archive";
import { postOtlp, readCapture } from "../support/replay";
import { FIXTURES, startServer, tempDataDir } from "../support/server";

const KILLS = 20;
/** Per signal: a real capture body whose first timestamp we shift by k ns to make body k unique and traceable. */
const TEMPLATES = {
  logs: {
    item: readCapture(path.join(FIXTURES, "claude-code", "bash", "http-json")).find(
      (i) => i.signal === "logs",
    )!,
    field: "timeUnixNano",
  },
  traces: {
    item: readCapture(path.join(FIXTURES, "copilot-cli", "shell", "http-json")).find(
      (i) => i.signal === "traces",
    )!,
    field: "startTimeUnixNano",
  },
} as const;
type Sent = keyof typeof TEMPLATES;

function baseNs(signal: Sent): bigint {
  const { item, field } = TEMPLATES[signal];
  return BigInt(new RegExp(`"${field}":\\s*"(\\d+)"`).exec(item.body.toString())![1]!);
}

function body(signal: Sent, k: number): Buffer {
  const { item, field } = TEMPLATES[signal];
  return Buffer.from(
    item.body
      .toString()
      .replace(
        new RegExp(`"${field}":\\s*"(\\d+)"`, "g"),
        (_m, ns: string) => `"${field}":"${BigInt(ns) + BigInt(k)}"`,
      ),
  );
}

function keyOf(signal: Sent, request: unknown): number {
  const ns = new RegExp(`"${TEMPLATES[signal].field}":"(\\d+)"`).exec(JSON.stringify(request))![1]!;
  return Number(BigInt(ns) - baseNs(signal));
}

function recordsPerBody(signal: Sent): number {
  return (TEMPLATES[signal].item.body.toString().match(new RegExp(`"${TEMPLATES[signal].field}"`, "g")) ?? [])
    .length;
}

const dataDir = tempDataDir("tracemark-crash-");
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

test(`every acknowledged request survives ${KILLS} kill -9s during concurrent ingest`, async () => {
  const acked: Record<Sent, Set<number>> = { logs: new Set(), traces: new Set() };
  let next = 1;
  for (let round = 0; round < KILLS; round++) {
    const server = await startServer({ dataDir, ui: false });
    let stop = false;
    const sender = async (signal: Sent, gzip: boolean): Promise<void> => {
      while (!stop) {
        const k = next++;
        const raw = body(signal, k);
        try {
          const response = await postOtlp(
            server.otlpHttp,
            { signal, contentType: "application/json", body: gzip ? zlib.gzipSync(raw) : raw },
            gzip ? { "content-encoding": "gzip" } : {},
          );
          if (response.status === 200) acked[signal].add(k);
        } catch {
          return; // the server died mid-request: not acknowledged
        }
      }
    };
    const senders = [
      sender("logs", false),
      sender("logs", true),
      sender("traces", false),
      sender("traces", true),
    ];
    await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 400));
    await server.kill9();
    stop = true;
    await Promise.all(senders);
  }
  // One clean start repairs the archive and catches the index up; a clean stop lets us read the index.
  const server = await startServer({ dataDir, ui: false });
  await server.stop();

  const db = new Database(path.join(dataDir, "index.sqlite"), { readonly: true });
  try {
    for (const signal of ["logs", "traces"] as const) {
      const archived = new Set(
        (await readArchive(dataDir, signal)).map((line) => keyOf(signal, line.request)),
      );
      const missing = [...acked[signal]].filter((k) => !archived.has(k));
      expect(missing, `${signal} acknowledged but not archived`).toEqual([]);
      expect(acked[signal].size).toBeGreaterThan(KILLS);
      const table = signal === "logs" ? "log_records" : "spans";
      const requests = (
        db.prepare("SELECT count(*) AS n FROM requests WHERE signal = ?").get(signal) as { n: number }
      ).n;
      const records = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      expect(requests, `${signal}: indexed requests = distinct archived requests`).toBe(archived.size);
      expect(records).toBe(archived.size * recordsPerBody(signal));
    }
  } finally {
    db.close();
  }
}, 300_000);
