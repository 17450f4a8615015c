import { afterEach, describe, expect, test, vi } from "vitest";
import type { SessionPage, SessionSummary } from "@/lib/sessions/read";
import { findAdjacentSession, isOlder } from "./session-order";

const at = (id: string, minute: number): SessionSummary =>
  ({ id, started_at: new Date(Date.UTC(2026, 10, 21, 12, minute)).toISOString() }) as SessionSummary;

/** A fake /api/sessions serving `all` (already newest first) two at a time. */
function serve(all: SessionSummary[]): void {
  vi.stubGlobal("fetch", (url: string) => {
    const params = new URL(url, "http://x").searchParams;
    const start = Number(params.get("before") ?? 0);
    const page: SessionPage = { sessions: all.slice(start, start + 2), total: all.length, next: start + 2 < all.length ? String(start + 2) : null };
    return Promise.resolve(new Response(JSON.stringify(page)));
  });
}

afterEach(() => vi.unstubAllGlobals());

describe("session order", () => {
  const list = [at("e", 50), at("d", 40), at("c", 30), at("b", 20), at("a", 10)];

  test("newest first, ties broken by id descending", () => {
    expect(isOlder(at("a", 1), at("b", 2))).toBe(true);
    expect(isOlder(at("a", 1), at("b", 1))).toBe(true);
    expect(isOlder(at("b", 1), at("a", 1))).toBe(false);
  });

  test("finds neighbours across pages", async () => {
    serve(list);
    expect(await findAdjacentSession(at("c", 30), "older", new URLSearchParams())).toBe("b");
    expect(await findAdjacentSession(at("c", 30), "newer", new URLSearchParams())).toBe("d");
    expect(await findAdjacentSession(at("b", 20), "newer", new URLSearchParams())).toBe("c");
    expect(await findAdjacentSession(at("a", 10), "older", new URLSearchParams())).toBeNull();
    expect(await findAdjacentSession(at("e", 50), "newer", new URLSearchParams())).toBeNull();
  });

  test("works by position when the session itself left the filtered list", async () => {
    serve(list.filter((session) => session.id !== "c"));
    expect(await findAdjacentSession(at("c", 30), "older", new URLSearchParams())).toBe("b");
    expect(await findAdjacentSession(at("c", 30), "newer", new URLSearchParams())).toBe("d");
  });
});
