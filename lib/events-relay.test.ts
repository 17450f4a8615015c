// The relay between replicas on a real PostgreSQL: this process's events go out on the channel, another
// replica's come in to this process's subscribers (and are not sent back), payloads stay under the limit, and
// a listener whose connection is cut reconnects.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPgDb, type PgDb } from "@/db/client-pg";
import { LISTENER_NAME, MAX_NOTIFY_BYTES } from "@/db/notify-pg";
import { PgStore } from "@/db/store-pg";
import { postgresUnavailable, startPostgres, type TestPostgres } from "@/e2e/support/postgres";
import { publish, subscribe, type ChangeEvent } from "./events";
import { startEventRelay, toPayloads, type EventRelay } from "./events-relay";

const postgresMissing = postgresUnavailable();

/** Resolves when `check` passes (checked on every message and every 20 ms): no fixed sleeps. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 20_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("toPayloads", () => {
  it("keeps a small event whole and splits a large one under the limit, losing no id", () => {
    expect(toPayloads("me", { type: "sessions", ids: ["a"] })).toHaveLength(1);
    const ids = Array.from({ length: 2_000 }, (_, i) => `session-${i}-${"x".repeat(20)}`);
    const payloads = toPayloads("me", { type: "sessions", ids });
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(MAX_NOTIFY_BYTES);
    const sent = payloads.flatMap(
      (payload) => (JSON.parse(payload) as { event: { ids: string[] } }).event.ids,
    );
    expect(sent).toEqual(ids);
  });

  it("sends a label with a long correction as a refetch of its session", () => {
    const event: ChangeEvent = {
      type: "label",
      targetType: "turn",
      targetId: "t1",
      sessionId: "s1",
      version: 3,
      author: "ann",
      view: { correction: "é".repeat(10_000) } as never,
    };
    expect(toPayloads("me", event).map((payload) => JSON.parse(payload) as unknown)).toEqual([
      { origin: "me", event: { type: "sessions", ids: ["s1"] } },
    ]);
  });
});

describe.skipIf(postgresMissing)("startEventRelay", () => {
  let cluster: TestPostgres;
  let url: string;
  let db: PgDb;
  let relay: EventRelay;
  let other: pg.Client;
  const heardByOther: { origin: string; event: ChangeEvent }[] = [];
  const heardHere: ChangeEvent[] = [];
  let unsubscribe: () => void;

  beforeAll(async () => {
    cluster = await startPostgres();
    url = await cluster.createDatabase();
    db = await openPgDb(url);
    relay = await startEventRelay({ url, store: new PgStore(db.$client) });
    other = new pg.Client({ connectionString: url });
    await other.connect();
    other.on("notification", (message) => {
      if (message.payload?.startsWith('{"origin"')) heardByOther.push(JSON.parse(message.payload) as never);
    });
    await other.query("LISTEN tracemark_events");
    unsubscribe = subscribe((event) => heardHere.push(event));
  }, 120_000);

  afterAll(async () => {
    unsubscribe?.();
    await relay?.stop();
    await other?.end();
    await db?.$client.end();
    await cluster?.stop();
  });

  const notifyFromOther = async (origin: string, event: ChangeEvent): Promise<void> => {
    await other.query("SELECT pg_notify('tracemark_events', $1)", [JSON.stringify({ origin, event })]);
  };

  it("sends what is published here to the other replicas", async () => {
    publish({ type: "sessions", ids: ["built-here"] });
    await until(() => heardByOther.some((m) => JSON.stringify(m.event).includes("built-here")), "the notify");
    expect(heardByOther.find((m) => JSON.stringify(m.event).includes("built-here"))!.event).toEqual({
      type: "sessions",
      ids: ["built-here"],
    });
  });

  it("delivers another replica's events here once, without sending them back", async () => {
    heardByOther.length = 0;
    await notifyFromOther("replica-b", { type: "sessions", ids: ["built-there"] });
    await until(() => heardHere.some((e) => JSON.stringify(e).includes("built-there")), "the delivery");
    // a marker sent after it: once it is heard, anything the relay sent back would have arrived before it
    await notifyFromOther("replica-b", { type: "sessions", ids: ["marker"] });
    await until(() => heardByOther.some((m) => JSON.stringify(m.event).includes("marker")), "the marker");
    expect(heardByOther.filter((m) => m.origin !== "replica-b")).toEqual([]);
    expect(heardHere.filter((e) => JSON.stringify(e).includes("built-there"))).toHaveLength(1);
  });

  it("ignores payloads that are not its envelopes", async () => {
    await other.query(
      "SELECT pg_notify('tracemark_events', 'not json'), pg_notify('tracemark_events', '{}')",
    );
    await notifyFromOther("replica-b", { type: "sessions", ids: ["after-junk"] });
    await until(() => heardHere.some((e) => JSON.stringify(e).includes("after-junk")), "the next event");
  });

  it("reconnects when its connection is cut", async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const cut = await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> $2",
      [LISTENER_NAME, (other as unknown as { processID: number }).processID],
    );
    await admin.end();
    expect(cut.rowCount).toBe(1);
    let n = 0;
    await until(() => {
      void notifyFromOther("replica-b", { type: "sessions", ids: [`again-${++n}`] });
      return heardHere.some((e) => JSON.stringify(e).includes("again-"));
    }, "a delivery after the reconnect");
  });
});
