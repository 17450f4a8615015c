// The incremental path is the one a growing session takes: a Claude Code session (rewritten from the real
// capture, as the scale bench makes them) grows turn by turn, each turn's records arriving over several
// requests, and after the first build every build is incremental and re-derives only the turn being written;
// the stored rows still equal one full build over the same requests.
import { randomUUID } from "node:crypto";
import { afterAll, expect, test } from "vitest";
import { Corpus } from "@/bench/scale/corpus";
import { derivedRows, perRecord, ReplayIndex, type Request } from "@/e2e/support/index-replay";
import { decodeExportRequest } from "@/ingest/otlp/decode";

const TURNS = 40;
const open: ReplayIndex[] = [];
afterAll(async () => {
  await Promise.all(open.splice(0).map((index) => index.close()));
});

/** Each turn of the session as three requests (its records split in order). */
function growingSession(): Request[][] {
  const corpus = new Corpus(1_795_000_000_000);
  const session = { id: randomUUID(), index: 1, turns: TURNS };
  return Array.from({ length: TURNS }, (_, turn) => {
    const body = decodeExportRequest("logs", "json", new Uint8Array(corpus.body(session, turn, 1))).request;
    const records = perRecord([{ signal: "logs", body }]);
    const third = Math.ceil(records.length / 3);
    return [records.slice(0, third), records.slice(third, 2 * third), records.slice(2 * third)];
  }).flat();
}

test("a growing session is built incrementally, one turn per build, and equals a full build", async () => {
  const requests = growingSession();
  const growing = new ReplayIndex();
  open.push(growing);
  for (const chunk of requests) await growing.add(chunk);
  const { stats } = growing.builder;
  expect(stats.full).toBe(1);
  expect(stats.incremental).toBe(requests.length - 1);
  expect(stats.turnsDerived).toBe(requests.length); // the turn being written, nothing before it
  const whole = new ReplayIndex();
  open.push(whole);
  await whole.add(requests.flat());
  expect(whole.builder.stats).toMatchObject({ full: 1, incremental: 0, turnsDerived: TURNS });
  const rows = await derivedRows(growing.store);
  expect(rows.turns).toHaveLength(TURNS);
  expect(rows).toEqual(await derivedRows(whole.store));
});

test("a long session that fell many turns behind is still built incrementally", async () => {
  // 200 turns built, then 90 more in one go (a builder that paused): more than the fixed 64 turns that once
  // sent such a session to full builds for good, less than half of it.
  const corpus = new Corpus(1_795_000_000_000);
  const session = { id: randomUUID(), index: 2, turns: 290 };
  const turns = Array.from(
    { length: 290 },
    (_, turn) =>
      ({
        signal: "logs",
        body: decodeExportRequest("logs", "json", new Uint8Array(corpus.body(session, turn, 1))).request,
      }) as const,
  );
  const behind = new ReplayIndex();
  open.push(behind);
  await behind.add(turns.slice(0, 200));
  await behind.add(turns.slice(200));
  expect(behind.builder.stats).toMatchObject({ full: 1, incremental: 1, turnsDerived: 290 });
  const whole = new ReplayIndex();
  open.push(whole);
  await whole.add(turns);
  expect(await derivedRows(behind.store)).toEqual(await derivedRows(whole.store));
});
