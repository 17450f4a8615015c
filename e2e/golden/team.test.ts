// Team mode on real parts (PostgreSQL from e2e/support/postgres.ts, an S3-compatible server from
// e2e/support/s3-server.ts, the real server processes; docs/team.md "Several replicas"): every capture replayed
// into PostgreSQL + a bucket answers as SQLite + a local archive does (sessions, details, search, Overview,
// review queue, labels by two people, every export); two replicas fed alternately give the sessions one gives
// and each one's open tabs see what the other built; `npm run reindex` from the bucket gives it all again, labels
// kept; kill -9 of one replica under load loses nothing acknowledged and indexes nothing twice.
import fs from "node:fs";
import { isDeepStrictEqual } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { apiSnapshot, type ApiSnapshot } from "../support/api-snapshot";
import { readBucketArchive } from "../support/bucket-archive";
import { openEventStream } from "../support/events";
import {
  KEYED_BASE_NS,
  keyedLogsBody,
  keyOfLogsRequest,
  RECORDS_PER_KEYED_BODY,
} from "../support/keyed-logs";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../support/postgres";
import { postOtlp } from "../support/replay";
import { replayAllAlternately, replayAllCaptures } from "../support/replay-all";
import { startS3, type TestS3 } from "../support/s3-server";
import { runScriptAsync } from "../support/scripts";
import { postSessions, waitFor } from "../support/sessions";
import { settledStats, startServer, tempDataDir, type TestServer } from "../support/server";
import {
  addPeople,
  as,
  json,
  labelAsTwoPeople,
  PEOPLE,
  readings,
  withoutClockTimes,
  type Tokens,
} from "../support/team";

const postgresMissing = postgresUnavailable();
/** The same local user everywhere (labels set before anyone signs in carry it). The bucket sweep runs every
 * 60 s in team mode; every 500 ms here, so the kill -9 test waits on it, not on a clock. */
const COMMON_ENV = { TRACEMARK_USER: "owner", TRACEMARK_SWEEP_MS: "500" };

let cluster: TestPostgres;
let s3: TestS3;
/** One SQLite server with a local archive, fed every capture: what every team-mode setup must answer. */
let local: TestServer;
let plain: ApiSnapshot;
const dirs: string[] = [];
const running = new Set<TestServer>();

/** A data dir of its own for each process: in team mode it holds nothing that matters (a replica id, caches). */
function scratchDir(): string {
  const dir = tempDataDir("tracemark-team-");
  dirs.push(dir);
  return dir;
}

async function serve(env: Record<string, string>): Promise<TestServer> {
  const server = await startServer({ dataDir: scratchDir(), env: { ...COMMON_ENV, ...env } });
  running.add(server);
  return server;
}
async function stop(...servers: TestServer[]): Promise<void> {
  await Promise.all(servers.map((server) => server.stop()));
  for (const server of servers) running.delete(server);
}

/** PostgreSQL (a new database) + the bucket under `prefix`: a replica's settings besides its data dir. */
async function teamEnv(prefix: string): Promise<Record<string, string>> {
  return { ...s3.env(prefix), TRACEMARK_DATABASE_URL: await cluster.createDatabase() };
}

/** Every replica idle, with everything the single server indexed indexed (a replica's builds can follow the
 * other's indexing, so one settled replica is not enough). */
async function settleReplicas(replicas: TestServer[]): Promise<void> {
  await waitFor(
    "every replica idle with every request indexed",
    () => Promise.all(replicas.map((replica) => settledStats(replica))),
    (all) =>
      all.every(
        (stats) => stats.requests === plain.stats.requests && !stats.index_backlog && !stats.sessions_pending,
      ),
  );
}

beforeAll(async () => {
  if (postgresMissing) return;
  const started = Promise.all([startPostgres(), startS3()]);
  local = await serve({});
  await replayAllCaptures(local);
  plain = await apiSnapshot(local.ui);
  [cluster, s3] = await started;
}, 300_000);
afterAll(async () => {
  await stop(...running);
  await Promise.all([cluster?.stop(), s3?.close()]);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(postgresMissing)("team mode", () => {
  let labeled: { env: Record<string, string>; tokens: Tokens; snapshot: ApiSnapshot; readings: unknown };

  test("every capture on PostgreSQL + a bucket answers as on SQLite + a local archive, labels by two people too", async () => {
    expect(plain.sessions.length).toBeGreaterThan(20);
    const env = await teamEnv("one");
    const team = await serve(env);
    await replayAllCaptures(team);
    expect(await apiSnapshot(team.ui)).toEqual(plain);

    const sessionIds = plain.sessions.map((session) => session.id);
    const [localTokens, tokens] = await Promise.all([addPeople(local, {}), addPeople(team, env)]);
    await Promise.all([
      labelAsTwoPeople(local, localTokens, sessionIds),
      labelAsTwoPeople(team, tokens, sessionIds),
    ]);
    for (const person of PEOPLE) {
      const [expected, got] = await Promise.all([
        apiSnapshot(local.ui, as(localTokens[person])),
        apiSnapshot(team.ui, as(tokens[person])),
      ]);
      expect(withoutClockTimes(got), person).toEqual(withoutClockTimes(expected));
    }
    const [fromLocal, fromTeam] = await Promise.all([readings(local, localTokens), readings(team, tokens)]);
    const expected = withoutClockTimes(fromLocal);
    const hasBad = expected["ann /api/sessions?label_state=has-bad&limit=500"] as { sessions: unknown[] };
    expect(hasBad.sessions.length, "ann's bad labels are found").toBeGreaterThan(0);
    expect(expected["ann /api/export?format=turns&annotator=majority"]).toContainEqual(
      expect.objectContaining({ label: "good" }),
    );
    const got = withoutClockTimes(fromTeam);
    // The readings that differ by name first (the whole object's diff is too long to read).
    const differing = Object.keys(expected).filter((key) => !isDeepStrictEqual(got[key], expected[key]));
    for (const key of differing) expect(got[key], key).toEqual(expected[key]);
    expect(got).toEqual(expected);
    labeled = {
      env,
      tokens,
      snapshot: withoutClockTimes(await apiSnapshot(team.ui, as(tokens.ann))),
      readings: expected,
    };
    await stop(team);
  }, 300_000);

  test("two replicas fed alternately: the sessions one server builds; each one's tabs see what the other did", async () => {
    const env = await teamEnv("two");
    const [a, b] = await Promise.all([serve(env), serve(env)]);
    await replayAllAlternately([a, b]);
    await settleReplicas([a, b]);
    expect(await apiSnapshot(b.ui)).toEqual(plain);
    expect(await apiSnapshot(a.ui)).toEqual(plain);

    // A tab open on b; a new session sent to a, then labeled on a: b's tab hears of both.
    const tab = await openEventStream(b.ui);
    try {
      const id = "team-live-000001";
      const sent = await postSessions(a.otlpHttp, [id]);
      expect(sent.status).toBe(200);
      await tab.next(
        `a sessions event for ${id}`,
        (event) => event.type === "sessions" && event.ids.includes(id),
      );
      const { turns } = await json<{ turns: { id: string }[] }>(a.ui, `/api/sessions/${id}`);
      await json(a.ui, `/api/turns/${turns[0]!.id}/label`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ label: "good", note: "seen on the other replica" }),
      });
      const event = await tab.next(
        `a label event for ${turns[0]!.id}`,
        (change) => change.type === "label" && change.targetId === turns[0]!.id,
      );
      expect(event).toMatchObject({
        view: { label: "good", note: "seen on the other replica", labeled_by: "owner" },
      });
    } finally {
      tab.close();
    }
    await stop(a, b);
  }, 300_000);

  test("reindex from the bucket (all replicas stopped): the same answers, labels kept; into a new database too", async () => {
    expect(labeled, "needs the labeled team database of the first test").toBeDefined();
    const { env, tokens } = labeled;
    const inPlace = await runScriptAsync("reindex", scratchDir(), env);
    expect(inPlace.status, inPlace.output).toBe(0);
    const again = await serve(env);
    expect(withoutClockTimes(await apiSnapshot(again.ui, as(tokens.ann)))).toEqual(labeled.snapshot);
    expect(withoutClockTimes(await readings(again, tokens))).toEqual(labeled.readings);
    await stop(again);
    // doctor in team mode, from a replica's new data dir: PostgreSQL's index and journal, the bucket's archive.
    const doctor = await runScriptAsync("doctor", scratchDir(), env);
    expect(doctor.output).toMatch(/✓ index on PostgreSQL postgres:/);
    expect(doctor.output).toMatch(/✓ archive and index agree: \d+ requests/);
    expect(doctor.output).toMatch(/✓ label journal: [1-9]\d* changes/);
    expect(doctor.output).toMatch(/✓ every session with records is built/);

    // A database that has never seen this bucket: every session from the bucket alone (labels live in the
    // database, so there are none).
    const fresh = { ...env, TRACEMARK_DATABASE_URL: await cluster.createDatabase() };
    const reindex = await runScriptAsync("reindex", scratchDir(), fresh);
    expect(reindex.status, reindex.output).toBe(0);
    const rebuilt = await serve(fresh);
    expect(await apiSnapshot(rebuilt.ui)).toEqual(plain);
    await stop(rebuilt);
  }, 300_000);

  test("kill -9 of one replica under load: every acknowledged request indexed exactly once", async () => {
    const env = await teamEnv("kill");
    const [a, b] = await Promise.all([serve(env), serve(env)]);
    const acked = new Set<number>();
    let next = 1;
    let stopped = false;
    let failure: Error | null = null;
    const sendOne = async (server: TestServer, k: number): Promise<"acked" | "refused" | "died"> => {
      try {
        const { status } = await postOtlp(server.otlpHttp, {
          signal: "logs",
          contentType: "application/json",
          body: keyedLogsBody(k),
        });
        return status === 200 ? "acked" : "refused";
      } catch {
        return "died"; // no answer: not acknowledged
      }
    };
    const sender = async (server: TestServer): Promise<void> => {
      while (!stopped) {
        const k = next++;
        const outcome = await sendOne(server, k);
        if (outcome === "acked") acked.add(k);
        else if (server === b) {
          failure = new Error(`the surviving replica did not acknowledge request ${k}: ${outcome}`);
          stopped = true;
        } else if (outcome === "died") return;
      }
    };
    /** How many are acknowledged; throws as soon as the survivor failed one, instead of waiting in vain. */
    const ackedSoFar = (): Promise<number> =>
      failure ? Promise.reject(failure) : Promise.resolve(acked.size);
    const senders = [sender(a), sender(a), sender(b), sender(b)];
    await waitFor("acknowledgements from both replicas", ackedSoFar, (n) => n >= 30);
    await a.kill9();
    running.delete(a);
    const atKill = acked.size;
    await waitFor("acknowledgements by the survivor", ackedSoFar, (n) => n >= atKill + 20);
    stopped = true;
    await Promise.all(senders);
    expect(failure).toBeNull();
    await settledStats(b);

    // What the dead replica acknowledged (and what it archived without answering) is indexed by the
    // survivor's sweep of the bucket; the bucket is read again each time, in case a last PUT of the dead one
    // landed late.
    const archivedKeys = async (): Promise<number[]> => [
      ...new Set(
        (await readBucketArchive(s3, "kill", "logs")).map((line) =>
          keyOfLogsRequest(JSON.stringify(line.request)),
        ),
      ),
    ];
    const state = await waitFor(
      "the survivor's bucket sweep (TRACEMARK_SWEEP_MS) to index the killed replica's requests",
      async () => {
        const [inBucket, inIndex] = await Promise.all([
          archivedKeys(),
          indexedKeys(env.TRACEMARK_DATABASE_URL!),
        ]);
        // the counts first: a timeout's message shows the start of this value
        return {
          inBucket: inBucket.length,
          indexed: inIndex.requests.length,
          keys: inBucket,
          index: inIndex,
        };
      },
      (now) => now.indexed >= now.inBucket,
      150_000, // two sweeps of the default 60 s, should TRACEMARK_SWEEP_MS not be honoured
    );
    const archived = new Set(state.keys);
    const indexed = state.index;
    expect(
      [...acked].filter((k) => !archived.has(k)),
      "acknowledged but not in the bucket",
    ).toEqual([]);
    expect(indexed.requests.length - new Set(indexed.requests).size, "requests indexed twice").toBe(0);
    expect(new Set(indexed.requests)).toEqual(archived);
    expect(indexed.records, "records per request").toBe(archived.size * RECORDS_PER_KEYED_BODY);
    await stop(b);
  }, 300_000);
});

/** Each indexed logs request's key (its earliest record time less the template's), and the records in all. */
async function indexedKeys(url: string): Promise<{ requests: number[]; records: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const perRequest = await client.query<{ earliest: string }>(
      "SELECT min(l.time_ns::numeric)::text AS earliest FROM requests r JOIN log_records l ON l.request_id = r.id " +
        "WHERE r.signal = 'logs' GROUP BY r.id",
    );
    const records = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM log_records");
    return {
      requests: perRequest.rows.map((row) => Number(BigInt(row.earliest) - KEYED_BASE_NS)),
      records: records.rows[0]!.n,
    };
  } finally {
    await client.end();
  }
}
