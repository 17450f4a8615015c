// Find in a session matches every term, case-insensitive, in any field a reader sees (and the note); the SQL
// prefilter's needle is how an ASCII term appears in the stored JSON.
import { describe, expect, test } from "vitest";
import { findableText, findTerms, jsonNeedle, matchesTerms, type FindableTurn } from "./find";

const turn = (fields: Partial<FindableTurn>): FindableTurn => ({
  prompt: null,
  response: null,
  messages: [],
  tool_calls: [],
  ...fields,
});

describe("find in a session", () => {
  const turns: [FindableTurn, string][] = [
    [turn({ prompt: "Fix the Cart total" }), ""],
    [
      turn({ tool_calls: [{ name: "Bash", arguments: '{"command":"npm test"}', output: "3 FAILED tests" }] }),
      "",
    ],
    [turn({ messages: [{ text: "I'll look at src/cart.ts first" }] }), "wrong file"],
  ];
  const matching = (query: string): number[] =>
    turns.flatMap(([t, note], i) => (matchesTerms(findableText(t, note), findTerms(query)) ? [i] : []));

  test("every term must be in the turn, in any field or the note, ignoring case", () => {
    expect(matching("cart")).toEqual([0, 2]);
    expect(matching("  failed   NPM ")).toEqual([1]);
    expect(matching("wrong cart.ts")).toEqual([2]);
    expect(matching("cart nothing")).toEqual([]);
    expect(matching("   ")).toEqual([]);
  });

  test("the needle is the term as JSON writes it inside a string; non-ASCII terms have none", () => {
    expect(jsonNeedle("cart")).toBe("cart");
    expect(jsonNeedle('say"hi')).toBe('say\\"hi');
    expect(jsonNeedle("a\\b")).toBe("a\\\\b");
    expect(jsonNeedle("größe")).toBeNull();
    const text = JSON.stringify({ prompt: 'Please say"hi" to C:\\tmp' }).toLowerCase();
    for (const term of findTerms('say"hi" c:\\tmp')) expect(text).toContain(jsonNeedle(term));
  });
});
