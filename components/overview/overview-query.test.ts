import { describe, expect, test } from "vitest";
import { readOverviewState, sessionsHref, toOverviewApiQuery, toOverviewUrlQuery } from "./overview-query";

describe("the Overview's URL state", () => {
  test("range and client round-trip; the default range and unknown values are left out", () => {
    expect(readOverviewState(new URLSearchParams("range=90d&client=codex"))).toEqual({
      range: "90d",
      client: "codex",
    });
    expect(readOverviewState(new URLSearchParams("range=5y"))).toEqual({ range: "30d" });
    expect(toOverviewUrlQuery({ range: "30d" })).toBe("");
    expect(toOverviewUrlQuery({ range: "all", client: "gemini-cli" })).toBe("range=all&client=gemini-cli");
  });

  test("a range of N days starts at local midnight N−1 days ago; `all` has no start", () => {
    const now = new Date(2026, 10, 21, 15, 30); // local time
    const query = toOverviewApiQuery({ range: "7d", client: "codex" }, now);
    expect(new Date(query.get("since")!)).toEqual(new Date(2026, 10, 15));
    expect(query.get("client")).toBe("codex");
    expect(query.get("utc_offset")).toBe(String(-now.getTimezoneOffset()));
    expect(toOverviewApiQuery({ range: "all" }, now).has("since")).toBe(false);
  });
});

describe("sessionsHref", () => {
  const scope = { since: "2026-11-01T00:00:00.000Z", until: null, client: "codex", utc_offset: 0 };

  test("the scope's filter, narrowed by what was clicked, in the list's parameter names", () => {
    const href = sessionsHref(scope, {
      since: "2026-11-21T00:00:00.000Z",
      until: "2026-11-22T00:00:00.000Z",
      model: "gpt-5.5",
    });
    const params = new URL(href, "http://x").searchParams;
    expect(Object.fromEntries(params)).toEqual({
      client: "codex",
      model: "gpt-5.5",
      since: "2026-11-21T00:00:00.000Z",
      until: "2026-11-22T00:00:00.000Z",
    });
    expect(sessionsHref(scope, { has_errors: true, label_state: "has-bad", client: "claude-code" })).toBe(
      "/?client=claude-code&label_state=has-bad&since=2026-11-01T00%3A00%3A00.000Z&has_errors=true",
    );
  });

  test("an unscoped Overview links to the whole list", () => {
    expect(sessionsHref({ since: null, until: null, client: null, utc_offset: 0 })).toBe("/");
  });
});
