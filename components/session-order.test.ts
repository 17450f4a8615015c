import { describe, expect, test } from "vitest";
import type { SessionSummary } from "@/lib/shared/views";
import { isOlder } from "./session-order";

const at = (id: string, minute: number): SessionSummary =>
  ({ id, started_at: new Date(Date.UTC(2026, 10, 21, 12, minute)).toISOString() }) as SessionSummary;

describe("session order", () => {
  test("newest first, ties broken by id descending", () => {
    expect(isOlder(at("a", 1), at("b", 2))).toBe(true);
    expect(isOlder(at("a", 1), at("b", 1))).toBe(true);
    expect(isOlder(at("b", 1), at("a", 1))).toBe(false);
  });
});
