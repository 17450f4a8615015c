import { describe, expect, test } from "vitest";
import type { SessionPage, SessionSummary } from "@/lib/shared/views";
import { mergeFirstPage } from "./use-session-page";

const s = (id: string, minute: number): SessionSummary =>
  ({ id, started_at: new Date(Date.UTC(2026, 10, 21, 12, minute)).toISOString() }) as SessionSummary;
const page = (sessions: SessionSummary[], next: string | null): SessionPage => ({ sessions, total: 99, next });

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
});
