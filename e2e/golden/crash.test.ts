// kill -9 during concurrent ingest, again and again: after every restart, each acknowledged request is in
// the archive and the index holds exactly what the archive holds (nothing torn, nothing twice).
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, test } from "vitest";
import { readArchive } from "../support/archive";
import { postOtlp, readCapture } from "../support/replay";
import { FIXTURES, startServer, tempDataDir } from "../support/server";

const KILLS = 8;
const TEMPLATE = readCapture(path.join(FIXTURES, "claude-code", "bash", "http-json")).find((item) => item.signal === "logs")!;
const TEMPLATE_TEXT = TEMPLATE.body.toString();
const BASE_NS = /"timeUnixNano":"(\d+)"/.exec(TEMPLATE_TEXT)![1]!;

/** Body number k: the template with every timestamp shifted by k ns, so each body is unique and traceable. */
function body(k: number): Buffer {
  return Buffer.from(
    TEMPLATE_TEXT.replace(/"(timeUnixNano|observedTimeUnixNano)":"(\d+)"/g, (_m, key: string, ns: string) => `"${key}":"${BigInt(ns) + BigInt(k)}"`),
  );
}

function keyOf(request: unknown): number {
  const text = JSON.stringify(request);
  const ns = /"timeUnixNano":"(\d+)"/.exec(text)![1]!;
  return Number(BigInt(ns) - BigInt(BASE_NS));
}

const dataDir = tempDataDir("tracemark-crash-");
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

test(`every acknowledged request survives ${KILLS} kill -9s during concurrent ingest`, async () => {
  const acked = new Set<number>();
  let next = 1;
  for (let round = 0; round < KILLS; round++) {
    const server = await startServer({ dataDir, ui: false });
    let stop = false;
    const sender = async (): Promise<void> => {
      while (!stop) {
        const k = next++;
        try {
          const response = await postOtlp(server.otlpHttp, { ...TEMPLATE, body: body(k) });
          if (response.status === 200) acked.add(k);
        } catch {
          return; // the server died mid-request: not acknowledged
        }
      }
    };
    const senders = Array.from({ length: 4 }, () => sender());
    await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 600));
    await server.kill9();
    stop = true;
    await Promise.all(senders);
  }
  // One clean start to repair and catch up, then a clean stop so the index can be read.
  const server = await startServer({ dataDir, ui: false });
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await server.stop();

  const archived = (await readArchive(dataDir, "logs")).map((line) => keyOf(line.request));
  const archivedSet = new Set(archived);
  const missing = [...acked].filter((k) => !archivedSet.has(k));
  expect(missing, "acknowledged but not archived").toEqual([]);
  expect(acked.size).toBeGreaterThan(KILLS * 5);

  const db = new Database(path.join(dataDir, "index.sqlite"), { readonly: true });
  const requests = (db.prepare("SELECT count(*) AS n FROM requests WHERE signal = 'logs'").get() as { n: number }).n;
  const records = (db.prepare("SELECT count(*) AS n FROM log_records").get() as { n: number }).n;
  db.close();
  const perBody = (TEMPLATE_TEXT.match(/"observedTimeUnixNano"/g) ?? []).length;
  expect(requests).toBe(archivedSet.size);
  expect(records).toBe(archivedSet.size * perBody);
  // every line of every segment parsed above (readArchive throws on a torn line): torn tails were set aside
}, 180_000);
