// Acknowledged means durable in the bucket (docs/archive-format.md "In a bucket"), through the real server
// and a real S3-compatible server: kill -9 during concurrent ingest loses nothing acknowledged, even with the
// data dir lost too, and the index holds exactly what the bucket holds; a bucket that goes away mid-ingest
// gets requests refused (503 + Retry-After, gRPC UNAVAILABLE), not acknowledged, and ingest resumes by
// itself when it is back.
import fs from "node:fs";
import path from "node:path";
import { status as GrpcStatus } from "@grpc/grpc-js";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, test } from "vitest";
import { readBucketArchive } from "../support/bucket-archive";
import { GrpcExporter, postOtlp, readCapture } from "../support/replay";
import { startS3, type TestS3 } from "../support/s3-server";
import { waitFor } from "../support/sessions";
import { FIXTURES, settledStats, startServer, tempDataDir } from "../support/server";

const KILLS = 4;
const TEMPLATE = readCapture(path.join(FIXTURES, "claude-code", "bash", "http-json")).find(
  (item) => item.signal === "logs",
)!;
const FIELD = /"timeUnixNano":\s*"(\d+)"/g;
const BASE = BigInt(/"timeUnixNano":\s*"(\d+)"/.exec(TEMPLATE.body.toString())![1]!);
const RECORDS = (TEMPLATE.body.toString().match(FIELD) ?? []).length;

/** Body k: the capture with its times moved by k ns, so every body is distinct and traceable. */
function body(k: number): Buffer {
  return Buffer.from(
    TEMPLATE.body.toString().replace(FIELD, (_m, ns: string) => `"timeUnixNano":"${BigInt(ns) + BigInt(k)}"`),
  );
}
const keyOf = (request: unknown): number =>
  Number(BigInt(/"timeUnixNano":"(\d+)"/.exec(JSON.stringify(request))![1]!) - BASE);

let s3: TestS3;
const dirs: string[] = [];
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => {
  await s3.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function send(otlpHttp: string, k: number): Promise<Response> {
  return postOtlp(otlpHttp, { signal: "logs", contentType: "application/json", body: body(k) });
}

function indexedRequests(dataDir: string): { requests: number; records: number } {
  const db = new Database(path.join(dataDir, "index.sqlite"), { readonly: true });
  try {
    const requests = (db.prepare("SELECT count(*) AS n FROM requests").get() as { n: number }).n;
    const records = (db.prepare("SELECT count(*) AS n FROM log_records").get() as { n: number }).n;
    return { requests, records };
  } finally {
    db.close();
  }
}

test(`every acknowledged request is in the bucket and indexed after ${KILLS} kill -9s`, async () => {
  const prefix = "crash";
  const dataDir = tempDataDir("tracemark-bucket-crash-");
  dirs.push(dataDir);
  const acked = new Set<number>();
  let next = 1;
  let leftPending = 0;
  for (let round = 0; round < KILLS; round++) {
    const server = await startServer({ dataDir, ui: false, env: s3.env(prefix) });
    let stop = false;
    const sender = async (): Promise<void> => {
      while (!stop) {
        const k = next++;
        try {
          if ((await send(server.otlpHttp, k)).status === 200) acked.add(k);
        } catch {
          return; // the server died mid-request: not acknowledged
        }
      }
    };
    const senders = [sender(), sender(), sender(), sender()];
    // Kill once this round has had some acknowledged, whatever the machine's speed.
    const before = acked.size;
    await waitFor(
      "acknowledgements",
      () => Promise.resolve(acked.size),
      (n) => n >= before + 5,
    );
    await server.kill9();
    stop = true;
    await Promise.all(senders);
    leftPending += (await s3.list(`${prefix}/pending/`)).length;
  }
  expect(leftPending, "the kills left open segments in pending objects").toBeGreaterThan(0);

  // The replica's disk is lost too: a new data dir (another replica id) indexes everything from the bucket,
  // the dead replica's open segment straight from its pending objects.
  const lostDisk = tempDataDir("tracemark-bucket-lost-");
  dirs.push(lostDisk);
  const other = await startServer({ dataDir: lostDisk, ui: false, env: s3.env(prefix) });
  await other.stop();
  const beforeRestart = new Set(
    (await readBucketArchive(s3, prefix, "logs")).map((line) => keyOf(line.request)),
  );
  expect(
    [...acked].filter((k) => !beforeRestart.has(k)),
    "acknowledged but not in the bucket",
  ).toEqual([]);
  expect(indexedRequests(lostDisk)).toEqual({
    requests: beforeRestart.size,
    records: beforeRestart.size * RECORDS,
  });
  // One clean start compacts what the killed runs left pending and catches the index up; a clean stop.
  const server = await startServer({ dataDir, ui: false, env: s3.env(prefix) });
  await server.stop();

  const archived = new Set((await readBucketArchive(s3, prefix, "logs")).map((line) => keyOf(line.request)));
  expect(
    [...acked].filter((k) => !archived.has(k)),
    "acknowledged but not in the bucket",
  ).toEqual([]);
  expect((await s3.list(`${prefix}/pending/`)).length, "a clean stop leaves nothing pending").toBe(0);
  expect(indexedRequests(dataDir)).toEqual({ requests: archived.size, records: archived.size * RECORDS });
}, 300_000);

test("a bucket that goes away: refused, never acknowledged, nothing acknowledged lost, resumes when back", async () => {
  const prefix = "outage";
  const dataDir = tempDataDir("tracemark-bucket-outage-");
  dirs.push(dataDir);
  const server = await startServer({ dataDir, env: s3.env(prefix) });
  const grpc = new GrpcExporter(server.grpc);
  const acked = new Set<number>();
  try {
    for (let k = 1; k <= 3; k++) if ((await send(server.otlpHttp, k)).status === 200) acked.add(k);
    expect(acked.size).toBe(3);

    await s3.stop();
    const refused = await send(server.otlpHttp, 100);
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.text()).toMatch(/unreachable/);
    const grpcError = await grpc.export("logs", Buffer.alloc(0)).then(
      () => null,
      (error: { code: number }) => error,
    );
    expect(grpcError?.code).toBe(GrpcStatus.UNAVAILABLE);
    const stats = await fetch(`${server.ui}/api/stats`).then(
      (r) => r.json() as Promise<Record<string, unknown>>,
    );
    expect(String(stats.storage_error)).toMatch(/TRACEMARK_ARCHIVE_URL/);

    await s3.start();
    // Ingest resumes by itself: the next request after the bucket is back is acknowledged.
    let k = 200;
    await waitFor(
      "ingest to resume",
      async () => (await send(server.otlpHttp, ++k)).status,
      (s) => s === 200,
    );
    acked.add(k);
    for (let j = 300; j < 303; j++) if ((await send(server.otlpHttp, j)).status === 200) acked.add(j);
    const settled = await settledStats(server);
    expect(settled.storage_error).toBeNull();
  } finally {
    grpc.close();
    await server.stop();
  }
  const archived = new Set((await readBucketArchive(s3, prefix, "logs")).map((line) => keyOf(line.request)));
  expect([...acked].filter((k) => !archived.has(k))).toEqual([]);
  expect(archived.has(100), "a refused request is not archived").toBe(false);
  expect(indexedRequests(dataDir).requests).toBe(archived.size);
}, 300_000);
