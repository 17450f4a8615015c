// Team mode on real parts (PostgreSQL 15 from e2e/support/postgres.ts, an S3-compatible server from
// e2e/support/s3-server.ts, the real server processes): every capture replayed into PostgreSQL + a bucket gives
// the API output SQLite + a local archive gives (sessions, details, turns, labels, search, Overview, exports);
// two replicas fed alternately give the sessions one gives; `npm run reindex` from the bucket into PostgreSQL
// gives them again; kill -9 of one replica during load loses nothing acknowledged.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { apiSnapshot } from "../support/api-snapshot";
import { readBucketArchive } from "../support/bucket-archive";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../support/postgres";
import {
  listCaptureFolders,
  postOtlp,
  readCapture,
  replayCapture,
  type CaptureBody,
} from "../support/replay";
import { startS3, type TestS3 } from "../support/s3-server";
import { runScriptAsync } from "../support/scripts";
import { waitFor } from "../support/sessions";
import { FIXTURES, settledStats, startServer, tempDataDir, type TestServer } from "../support/server";

const postgresMissing = postgresUnavailable();
const USER = { TRACEMARK_USER: "ann" };

let cluster: TestPostgres;
let s3: TestS3;
const dirs: string[] = [];
const running = new Set<TestServer>();

beforeAll(async () => {
  if (postgresMissing) return;
  [cluster, s3] = await Promise.all([startPostgres(), startS3()]);
}, 120_000);
afterAll(async () => {
  await Promise.all([...running].map((server) => server.stop()));
  await Promise.all([cluster?.stop(), s3?.close()]);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function serve(
  env: Record<string, string>,
  dataDir = tempDataDir("tracemark-team-"),
): Promise<TestServer> {
  dirs.push(dataDir);
  const server = await startServer({ dataDir, env: { ...USER, ...env } });
  running.add(server);
  return server;
}
async function stop(server: TestServer): Promise<void> {
  await server.stop();
  running.delete(server);
}

async function teamEnv(prefix: string): Promise<Record<string, string>> {
  return { ...s3.env(prefix), TRACEMARK_DATABASE_URL: await cluster.createDatabase() };
}

async function json<T>(base: string, route: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${base}${route}`, init);
  if (!response.ok) throw new Error(`${route}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
async function text(base: string, route: string): Promise<string> {
  const response = await fetch(`${base}${route}`);
  if (!response.ok) throw new Error(`${route}: HTTP ${response.status} ${await response.text()}`);
  return response.text();
}

/** The same labels on every server: the first turn of every third session good, the second bad with a reason,
 * a note and a correction (the labels, reasons, notes and corrections all reach reads, search and exports). */
async function labelSome(server: TestServer): Promise<void> {
  const { sessions } = await json<{ sessions: { id: string }[] }>(
    server.ui,
    "/api/sessions?limit=500&order=asc",
  );
  for (const [index, session] of sessions.entries()) {
    if (index % 3 !== 0) continue;
    const detail = await json<{ turns: { id: string }[] }>(
      server.ui,
      `/api/sessions/${encodeURIComponent(session.id)}`,
    );
    const [first, second] = detail.turns;
    const put = (turnId: string, body: unknown): Promise<unknown> =>
      json(server.ui, `/api/turns/${turnId}/label`, { method: "PUT", body: JSON.stringify(body) });
    if (first) await put(first.id, { label: "good" });
    if (second)
      await put(second.id, {
        label: "bad",
        reasons: ["wrong-approach"],
        note: `note on session ${index} zebrafish`,
        correction: "the answer it should have given",
      });
  }
}

/** What a person reads besides the sessions: search, filters, the Overview, every export format. */
async function readings(server: TestServer): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const route of [
    "/api/sessions?q=zebrafish&limit=500",
    "/api/sessions?q=file&limit=500",
    "/api/sessions?label_state=labeled&limit=500",
    "/api/sessions?has_errors=true&limit=500",
    "/api/sessions?sort=tokens&limit=7",
    "/api/overview?range=all",
    "/api/tools",
    "/api/people",
  ])
    out[route] = await json(server.ui, route);
  for (const format of ["turns", "messages", "preference", "dpo", "eval"])
    out[`export ${format}`] = await text(server.ui, `/api/export?format=${format}`);
  return out;
}

/** Label times are when each server took the PUT: equal in content, not in clock. */
const LABEL_TIME = /"(labeled_at|at|exported_at|generated_at)":"[^"]*"/g;
function withoutLabelTimes<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replace(LABEL_TIME, '"$1":"<time>"')) as T;
}

/** Each capture's requests, in order, sent to the replicas in turn (a load balancer without affinity). */
async function replayAlternately(folder: string, replicas: TestServer[]): Promise<void> {
  const bodies = readCapture(folder);
  for (const [index, item] of bodies.entries()) {
    const target = replicas[index % replicas.length]!;
    await replayCapture(folder, target, [item] as CaptureBody[]);
  }
}

describe.skipIf(postgresMissing)("team mode", () => {
  /** One SQLite server's view of every capture, before any label. */
  let plain: Awaited<ReturnType<typeof apiSnapshot>>;

  test("every capture on PostgreSQL + a bucket: the API answers as on SQLite + a local archive", async () => {
    const local = await serve({});
    const team = await serve(await teamEnv("one"));
    for (const folder of listCaptureFolders())
      await Promise.all([replayCapture(folder, local), replayCapture(folder, team)]);
    await Promise.all([settledStats(local), settledStats(team)]);
    plain = await apiSnapshot(local.ui);
    expect(await apiSnapshot(team.ui)).toEqual(plain);
    await labelSome(local);
    await labelSome(team);
    const expected = withoutLabelTimes(await apiSnapshot(local.ui));
    expect(expected.sessions.length).toBeGreaterThan(10);
    expect(Object.values(expected.details).some((d) => d.turns.some((t) => t.label?.label === "bad"))).toBe(
      true,
    );
    expect(withoutLabelTimes(await apiSnapshot(team.ui))).toEqual(expected);
    const expectedReadings = withoutLabelTimes(await readings(local));
    expect(
      (expectedReadings["/api/sessions?q=zebrafish&limit=500"] as { sessions: unknown[] }).sessions.length,
    ).toBeGreaterThan(0);
    expect(withoutLabelTimes(await readings(team))).toEqual(expectedReadings);
    await stop(local);
    await stop(team);
  }, 600_000);

  test("two replicas fed alternately: the same sessions as one; reindex from the bucket gives them again", async () => {
    const env = await teamEnv("two");
    const a = await serve(env);
    const b = await serve(env);
    for (const folder of listCaptureFolders()) await replayAlternately(folder, [a, b]);
    await Promise.all([settledStats(a), settledStats(b)]);
    await settledStats(a); // b's last builds may have marked work a picks up
    const seen = await apiSnapshot(b.ui);
    expect(seen).toEqual(plain);
    expect(await apiSnapshot(a.ui)).toEqual(plain);
    await stop(a);
    await stop(b);

    // a new database, indexed from the bucket alone by `npm run reindex`
    const fresh = { ...env, TRACEMARK_DATABASE_URL: await cluster.createDatabase() };
    const dataDir = tempDataDir("tracemark-team-reindex-");
    dirs.push(dataDir);
    const reindex = await runScriptAsync("reindex", dataDir, fresh);
    expect(reindex.status, reindex.output).toBe(0);
    const rebuilt = await serve(fresh, dataDir);
    expect(await apiSnapshot(rebuilt.ui)).toEqual(plain);
    await stop(rebuilt);
  }, 600_000);

  test("kill -9 of one replica during load: every acknowledged request is in the bucket and indexed", async () => {
    const prefix = "kill";
    const env = await teamEnv(prefix);
    const a = await serve(env);
    const b = await serve(env);
    const acked = new Set<number>();
    let next = 1;
    let stopped = false;
    const sender = async (server: TestServer): Promise<void> => {
      while (!stopped) {
        const k = next++;
        try {
          const response = await postOtlp(server.otlpHttp, {
            signal: "logs",
            contentType: "application/json",
            body: body(k),
          });
          if (response.status === 200) acked.add(k);
        } catch {
          if (server === a) return; // a died mid-request: not acknowledged
          throw new Error("the surviving replica failed a request");
        }
      }
    };
    const senders = [sender(a), sender(a), sender(b), sender(b)];
    await waitFor(
      "acknowledgements",
      () => Promise.resolve(acked.size),
      (n) => n >= 20,
    );
    await a.kill9();
    running.delete(a);
    const afterKill = acked.size;
    await waitFor(
      "acknowledgements by the survivor",
      () => Promise.resolve(acked.size),
      (n) => n >= afterKill + 10,
    );
    stopped = true;
    await Promise.all(senders);

    // The dead replica's data dir is gone; the survivor (and any new replica) indexes its objects from the bucket.
    const c = await serve(env);
    await Promise.all([settledStats(b), settledStats(c)]);
    const archived = new Set(
      (await readBucketArchive(s3, prefix, "logs")).map((line) => keyOf(line.request)),
    );
    expect(
      [...acked].filter((k) => !archived.has(k)),
      "acknowledged but not in the bucket",
    ).toEqual([]);
    const counts = await indexCounts(env.TRACEMARK_DATABASE_URL!);
    expect(counts).toEqual({ requests: archived.size, records: archived.size * RECORDS });
  }, 600_000);
});

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

async function indexCounts(url: string): Promise<{ requests: number; records: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const row = (
      await client.query(
        "SELECT (SELECT count(*) FROM requests WHERE signal = 'logs')::int AS requests, (SELECT count(*) FROM log_records)::int AS records",
      )
    ).rows[0] as { requests: number; records: number };
    return row;
  } finally {
    await client.end();
  }
}
