import { describe, expect, test } from "vitest";
import type { SessionPage, SessionSummary } from "@/lib/shared/views";
import { mergeFirstPage } from "./use-session-page";

const s = (id: string, minute: number): SessionSummary =>
  ({ id, started_at: new Date(Date.UTC(2026, 10, 21, 12, minute)).toISOString() }) as SessionSummary;
const page = (sessions: SessionSummary[], next: string | null): SessionPage => ({
  sessions,
  total: 99,
  next,
});

describe("merging a refreshed first page", () => {
  test("a new session goes on top and the pages loaded beyond the first are kept", () => {
    const loaded = page([s("d", 40), s("c", 30), s("b", 20), s("a", 10)], "cursor-after-a");
    const fresh = page([s("e", 50), s("d", 40)], "cursor-after-d");
    const merged = mergeFirstPage(fresh, loaded);
    expect(merged.sessions.map((x) => x.id)).toEqual(["e", "d", "c", "b", "a"]);
    expect(merged.next).toBe("cursor-after-a");
  });

  test("a fresh page that is the whole list replaces what was loaded", () => {
    const merged = mergeFirstPage(page([s("b", 20)], null), page([s("b", 20), s("gone", 10)], null));
    expect(merged.sessions.map((x) => x.id)).toEqual(["b"]);
  });

  test("under any sort, rows loaded after the fresh page's last row stay, without duplicates", () => {
    // Sorted by tokens: the order is not by time, the merge keeps the loaded order after the fresh page.
    const loaded = page([s("x", 1), s("y", 50), s("z", 10), s("w", 30)], "cursor-after-w");
    const fresh = page([s("new", 5), s("x", 1), s("y", 50)], "cursor-after-y");
    expect(mergeFirstPage(fresh, loaded).sessions.map((x) => x.id)).toEqual(["new", "x", "y", "z", "w"]);
  });

  test("when the fresh page's last row is not among the loaded ones, the fresh page stands alone", () => {
    const merged = mergeFirstPage(page([s("q", 9)], "c1"), page([s("a", 1), s("b", 2)], "c2"));
    expect(merged.sessions.map((x) => x.id)).toEqual(["q"]);
    expect(merged.next).toBe("c1");
  });
});
