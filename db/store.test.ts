// The same contract on both engines: parameters, row shapes and numbers, transactions (commit, rollback,
// savepoints), and a transaction's isolation from statements issued outside it meanwhile.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testEngines } from "@/e2e/support/stores";
import type { Store } from "./store";
import type { SqliteStore } from "./store-sqlite";

const engines = testEngines();
afterAll(() => engines.stop());

/** A promise the test settles when it chooses: lets a transaction wait without any timing. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe.each(engines.list)("Store on $name", ({ open }) => {
  let store: Store;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ store, close } = await open());
  });
  afterAll(() => close());

  test("named and positional parameters; literals that look like parameters are left alone", async () => {
    await store.run("INSERT INTO excluded_sessions (id, reason) VALUES (@id, @reason)", {
      id: "a",
      reason: "x@y ?",
    });
    await store.run("INSERT INTO excluded_sessions (id, reason) VALUES (?, ?)", ["b", "it's"]);
    const rows = await store.all<{ sessionId: string; why: string; same: number }>(
      `SELECT id AS sessionId, reason AS why, CASE WHEN id = @id OR id = @other THEN 1 ELSE 0 END AS same
       FROM excluded_sessions WHERE reason <> '@nope' AND reason <> '?' ORDER BY id`,
      { id: "a", other: "b" },
    );
    expect(rows).toEqual([
      { sessionId: "a", why: "x@y ?", same: 1 },
      { sessionId: "b", why: "it's", same: 1 },
    ]);
    await expect(store.all("SELECT @missing AS x", {})).rejects.toThrow(/missing/i);
  });

  test("integers, counts and sums are numbers; NULL is null; get and changes", async () => {
    await store.run(
      "INSERT INTO dirty_sessions (session_key, marked_at) VALUES ('s1', 1770000000000), ('s2', -1)",
    );
    const row = await store.get<{ n: number; total: number; big: number; none: null }>(
      "SELECT count(*) AS n, sum(marked_at) AS total, max(marked_at) AS big, NULL AS none FROM dirty_sessions",
    );
    expect(row).toEqual({ n: 2, total: 1769999999999, big: 1770000000000, none: null });
    expect(await store.get("SELECT 1 AS one FROM dirty_sessions WHERE session_key = 'nope'")).toBeUndefined();
    expect(await store.run("DELETE FROM dirty_sessions")).toEqual({ changes: 2 });
  });

  test("a transaction commits when its work resolves and rolls back when it throws; savepoints roll back alone", async () => {
    await store.transaction(async (tx) => {
      await tx.run("INSERT INTO dirty_traces (trace_id, marked_at) VALUES ('kept', 1)");
      await tx
        .transaction(async (inner) => {
          await inner.run("INSERT INTO dirty_traces (trace_id, marked_at) VALUES ('inner', 1)");
          throw new Error("inner fails");
        })
        .catch(() => undefined);
    });
    await expect(
      store.transaction(async (tx) => {
        await tx.run("INSERT INTO dirty_traces (trace_id, marked_at) VALUES ('lost', 1)");
        throw new Error("work fails");
      }),
    ).rejects.toThrow("work fails");
    const ids = await store.all<{ id: string }>("SELECT trace_id AS id FROM dirty_traces ORDER BY trace_id");
    expect(ids.map((row) => row.id)).toEqual(["kept"]);
  });

  test("statements issued outside an open transaction never land inside it", async () => {
    const paused = gate();
    const started = gate();
    const transaction = store.transaction(async (tx) => {
      await tx.run("INSERT INTO dirty_traces (trace_id, marked_at) VALUES ('in-tx', 2)");
      started.open();
      await paused.opened; // another request's statement is issued meanwhile
      const seen = await tx.all<{ id: string }>(
        "SELECT trace_id AS id FROM dirty_traces WHERE marked_at >= 2",
      );
      // PostgreSQL may already see 'outside' (committed meanwhile on another connection, READ COMMITTED); that
      // it did not land in this transaction is what the check after the rollback proves, on both engines.
      expect(seen.map((row) => row.id)).toContain("in-tx");
      throw new Error("roll back");
    });
    await started.opened;
    const outside = store.run("INSERT INTO dirty_traces (trace_id, marked_at) VALUES ('outside', 3)");
    paused.open();
    await expect(transaction).rejects.toThrow("roll back");
    await outside;
    const ids = await store.all<{ id: string }>(
      "SELECT trace_id AS id FROM dirty_traces WHERE marked_at >= 2",
    );
    expect(ids.map((row) => row.id)).toEqual(["outside"]); // kept: it was not part of the rolled-back work
  });
});

const postgres = engines.list.find((engine) => engine.name === "postgres");

describe.skipIf(!postgres)("Store on postgres, its connection lost", () => {
  test("a transaction whose connection is killed rejects, and the store goes on with other connections", async () => {
    const { store, close } = await postgres!.open();
    try {
      const transaction = store.transaction(async (tx) => {
        const own = await tx.get<{ pid: number }>("SELECT pg_backend_pid() AS pid");
        // another connection of the pool ends this one, as an operator's pg_terminate_backend or a cut network
        await store.run("SELECT pg_terminate_backend(@pid)", { pid: own!.pid });
        await tx.run("INSERT INTO dirty_traces (trace_id, marked_at) VALUES ('after-kill', 1)");
      });
      await expect(transaction).rejects.toThrow();
      expect(await store.get("SELECT count(*) AS n FROM dirty_traces WHERE trace_id = 'after-kill'")).toEqual(
        {
          n: 0,
        },
      );
    } finally {
      await close();
    }
  });
});

test("SQLite: synchronous work waits for an open Store transaction, and runs whole in its own", async () => {
  const { store, close } = await engines.list[0]!.open();
  const sqlite = store as SqliteStore;
  try {
    const held = gate();
    const open = sqlite.transaction(async (tx) => {
      await tx.run("INSERT INTO dirty_traces (trace_id, marked_at) VALUES ('outer', 1)");
      await held.opened;
      await tx.run("DELETE FROM dirty_traces WHERE trace_id = 'outer'");
    });
    const seen = sqlite.transactionSync(() => {
      const rows = sqlite.sqlite.prepare("SELECT trace_id AS id FROM dirty_traces").all();
      sqlite.sqlite.prepare("INSERT INTO dirty_traces (trace_id, marked_at) VALUES ('sync', 1)").run();
      return rows;
    });
    held.open();
    await open;
    expect(await seen).toEqual([]); // not inside the open transaction: after it, which removed its row
    await expect(
      sqlite.transactionSync(() => {
        sqlite.sqlite.prepare("INSERT INTO dirty_traces (trace_id, marked_at) VALUES ('undone', 1)").run();
        throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    expect(await store.all("SELECT trace_id AS id FROM dirty_traces")).toEqual([{ id: "sync" }]);
  } finally {
    await close();
  }
});
