// The search box's text → FTS5 query, and snippets → highlighted parts.
import { describe, expect, test } from "vitest";
import { SNIPPET_CLOSE as C, SNIPPET_OPEN as O } from "@/db/queries/search";
import { toFtsQuery, toSnippetParts } from "./search";

describe("toFtsQuery", () => {
  test("quotes every word as a prefix and drops operators", () => {
    expect(toFtsQuery('foo "bar" OR baz*')).toBe('"foo"* "bar"* "OR"* "baz"*');
    expect(toFtsQuery("  ** ")).toBeUndefined();
  });
});

describe("toSnippetParts", () => {
  test("marks the hits and keeps the text around them", () => {
    expect(toSnippetParts(`…the ${O}shell${C} tool said ${O}hello${C}`)).toEqual([
      { text: "…the ", hit: false },
      { text: "shell", hit: true },
      { text: " tool said ", hit: false },
      { text: "hello", hit: true },
    ]);
  });

  test("a snippet without hits is one plain part; empty is none", () => {
    expect(toSnippetParts("plain text")).toEqual([{ text: "plain text", hit: false }]);
    expect(toSnippetParts("")).toEqual([]);
  });

  test("markup in the text stays text, stray markers only move highlights", () => {
    expect(toSnippetParts(`<img src=x onerror=alert(1)> ${O}x${C}`)).toEqual([
      { text: "<img src=x onerror=alert(1)> ", hit: false },
      { text: "x", hit: true },
    ]);
    expect(toSnippetParts(`a${C}b ${O}c`)).toEqual([
      { text: "ab ", hit: false },
      { text: "c", hit: true },
    ]);
  });
});
