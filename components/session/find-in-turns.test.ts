// Find in a session matches the turns' data (rendered or not): every term, case-insensitive, any field.
import { describe, expect, test } from "vitest";
import { EMPTY_LABEL } from "@/lib/shared/labels";
import type { TurnView } from "@/lib/shared/views";
import { findTerms, matchingTurns, searchableText } from "./find-in-turns";

const turn = (id: string, fields: Partial<TurnView>): TurnView =>
  ({
    id,
    prompt: null,
    response: null,
    messages: [],
    tool_calls: [],
    label: EMPTY_LABEL,
    ...fields,
  }) as TurnView;

describe("find in turns", () => {
  const turns = [
    turn("1", { prompt: "Fix the Cart total" }),
    turn("2", {
      tool_calls: [
        {
          name: "Bash",
          arguments: '{"command":"npm test"}',
          output: "3 FAILED tests",
        } as TurnView["tool_calls"][number],
      ],
    }),
    turn("3", {
      messages: [{ text: "I'll look at src/cart.ts first", at: null }],
      label: { ...EMPTY_LABEL, label: "bad", note: "wrong file", version: 1 },
    }),
  ];

  test("every term must be in the turn, in any field, ignoring case", () => {
    expect(matchingTurns(turns, findTerms("cart"), searchableText)).toEqual(["1", "3"]);
    expect(matchingTurns(turns, findTerms("  failed   NPM "), searchableText)).toEqual(["2"]);
    expect(matchingTurns(turns, findTerms("wrong cart.ts"), searchableText)).toEqual(["3"]);
    expect(matchingTurns(turns, findTerms("cart nothing"), searchableText)).toEqual([]);
    expect(matchingTurns(turns, findTerms("   "), searchableText)).toEqual([]);
  });
});
