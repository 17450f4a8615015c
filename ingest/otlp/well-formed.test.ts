import { describe, expect, test } from "vitest";
import { wellFormedJson } from "./well-formed";

describe("wellFormedJson", () => {
  test("replaces lone high and low surrogates, keeps pairs and escaped backslashes", () => {
    const value = {
      a: "x\ud800y",
      b: "\udc00",
      c: "😀",
      d: "\\ud800 is text",
      e: "\\\ud800",
      f: "\ud800\ud800",
    };
    const fixed = wellFormedJson(JSON.stringify(value));
    expect(fixed).not.toBeNull();
    const back = JSON.parse(fixed!) as Record<string, string>;
    expect(back).toEqual({
      a: "x\ufffdy",
      b: "\ufffd",
      c: "😀",
      d: "\\ud800 is text",
      e: "\\\ufffd",
      f: "\ufffd\ufffd",
    });
    for (const text of Object.values(back)) expect(() => encodeURIComponent(text)).not.toThrow(); // throws on lone surrogates
  });

  test("returns null when there is nothing to replace", () => {
    expect(wellFormedJson(JSON.stringify({ a: "plain", b: "\\ud800", c: "😀" }))).toBeNull();
  });
});
