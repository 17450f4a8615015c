import { describe, expect, test } from "vitest";
import { isFiltered, readListFilter, toApiQuery, toApiSort, toUrlQuery } from "./list-filter";

describe("list filter", () => {
  test("keeps known values and drops malformed ones", () => {
    const filter = readListFilter(
      new URLSearchParams(
        "client=codex&has_errors=true&tool_failed=yes&label_state=weird&since=not-a-date&q=%20fix%20&x=1",
      ),
    );
    expect(filter).toEqual({ client: "codex", has_errors: true, q: "fix" });
  });

  test("a relative range wins over explicit times and stays relative in the URL", () => {
    const filter = readListFilter(new URLSearchParams("range=24h&since=2026-01-01T00:00"));
    expect(toUrlQuery(filter)).toBe("range=24h");
    const now = Date.parse("2026-11-21T12:00:00Z");
    expect(toApiQuery(filter, now).get("since")).toBe("2026-11-20T12:00:00.000Z");
  });

  test("URL queries are stable, so equal filters give equal URLs", () => {
    const a = toUrlQuery(readListFilter(new URLSearchParams("model=m&client=codex&q=a")));
    const b = toUrlQuery(readListFilter(new URLSearchParams("q=a&client=codex&model=m")));
    expect(a).toBe(b);
    expect(readListFilter(new URLSearchParams(a))).toEqual({ q: "a", client: "codex", model: "m" });
  });

  test("the API query carries label state, flags and custom times as ISO", () => {
    const query = toApiQuery(
      readListFilter(new URLSearchParams("label_state=has-bad&tool_failed=true&until=2026-11-21T10:00:00Z")),
    );
    expect(Object.fromEntries(query)).toEqual({
      label_state: "has-bad",
      tool_failed: "true",
      until: "2026-11-21T10:00:00.000Z",
    });
  });

  test("sort and order live in the URL, defaults left out, and never reach the filter's API query", () => {
    const filter = readListFilter(new URLSearchParams("order=asc&sort=tokens&client=codex"));
    expect(filter).toEqual({ client: "codex", sort: "tokens", order: "asc" });
    expect(toUrlQuery(filter)).toBe("client=codex&sort=tokens&order=asc");
    expect(Object.fromEntries(toApiSort(filter))).toEqual({ sort: "tokens", order: "asc" });
    expect(toApiQuery(filter).has("sort")).toBe(false);
    expect(toUrlQuery(readListFilter(new URLSearchParams("sort=started_at&order=desc")))).toBe("");
    expect(readListFilter(new URLSearchParams("sort=cost&order=sideways"))).toEqual({});
    expect(isFiltered({ sort: "turns" })).toBe(false);
  });
});
