// The builder stores sessions in groups of one transaction: a build that fails inside a group is undone alone
// (its savepoint), keeps its mark for a retry, and the other sessions of the group are stored.
import { randomUUID } from "node:crypto";
import { afterAll, expect, test } from "vitest";
import { Corpus } from "@/bench/scale/corpus";
import { ReplayIndex } from "@/e2e/support/index-replay";
import { decodeExportRequest } from "@/ingest/otlp/decode";

const open: ReplayIndex[] = [];
afterAll(async () => {
  await Promise.all(open.splice(0).map((index) => index.close()));
});

function sessionRequest(corpus: Corpus, id: string) {
  const body = decodeExportRequest(
    "logs",
    "json",
    new Uint8Array(corpus.body({ id, index: 1, turns: 3 }, 0, 3)),
  );
  return { signal: "logs" as const, body: body.request };
}

test("a failing build in a group is undone alone and stays marked; the others are stored", async () => {
  const index = new ReplayIndex();
  open.push(index);
  const corpus = new Corpus(1_795_000_000_000);
  const ids = [randomUUID(), randomUUID(), randomUUID()];
  const failing = ids[1]!;
  // A real SQLite failure at the moment the build stores its session row.
  index.db.$client.exec(
    `CREATE TRIGGER fail_one BEFORE INSERT ON sessions WHEN NEW.id = '${failing}'
     BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END`,
  );
  await index.add(ids.map((id) => sessionRequest(corpus, id)));
  const stored = index.db.$client.prepare("SELECT id FROM sessions ORDER BY id").pluck().all();
  expect(stored).toEqual(ids.filter((id) => id !== failing).sort());
  const marks = index.db.$client.prepare("SELECT session_key, marked_at FROM dirty_sessions").all();
  expect(marks).toEqual([{ session_key: failing, marked_at: -1 }]);
  const turns = index.db.$client.prepare("SELECT count(*) FROM turns WHERE session_id = ?").pluck();
  expect(turns.get(failing)).toBe(0);
  expect(turns.get(ids[0])).toBe(3);
});
