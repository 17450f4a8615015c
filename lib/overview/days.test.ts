import { describe, expect, test } from "vitest";
import { DAY_MS, MAX_PADDED_DAYS, dayBoundsOf, dayNumberOf, daysToShow, offsetMsOf } from "./days";

const at = (iso: string): number => Date.parse(iso);

describe("days in the viewer's zone", () => {
  test("a day is local midnight to local midnight, as ISO bounds", () => {
    const tokyo = offsetMsOf(540);
    const day = dayNumberOf(at("2026-11-21T16:00:00Z"), tokyo); // 01:00 on the 22nd in Tokyo
    expect(dayBoundsOf(day, tokyo)).toEqual({
      day: "2026-11-22",
      since: "2026-11-21T15:00:00.000Z",
      until: "2026-11-22T15:00:00.000Z",
    });
    const newYork = offsetMsOf(-300);
    expect(dayBoundsOf(dayNumberOf(at("2026-11-21T03:00:00Z"), newYork), newYork).day).toBe("2026-11-20");
  });

  test("a time at a day's start belongs to that day, the instant before to the previous one", () => {
    const start = at("2026-11-21T00:00:00Z");
    expect(dayNumberOf(start, 0) - dayNumberOf(start - 1, 0)).toBe(1);
  });
});

describe("daysToShow", () => {
  const now = at("2026-11-21T12:00:00Z");
  const today = dayNumberOf(now, 0);

  test("a range from `since` pads every day up to today", () => {
    const since = at("2026-11-15T00:00:00Z");
    const days = daysToShow({ since, dataDays: [today - 3], now, offsetMs: 0 });
    expect(days).toHaveLength(7);
    expect(days[0]).toBe(today - 6);
    expect(days.at(-1)).toBe(today);
  });

  test("an open range starts at the first day with data; `until` is exclusive", () => {
    expect(daysToShow({ dataDays: [today - 2, today - 4], now, offsetMs: 0 })).toEqual([
      today - 4,
      today - 3,
      today - 2,
      today - 1,
      today,
    ]);
    const until = today * DAY_MS; // today's midnight: today is not in the range
    expect(daysToShow({ dataDays: [today - 2], until, now, offsetMs: 0 })).toEqual([today - 2, today - 1]);
  });

  test("no data and no start: nothing; a very long span: only the days with data", () => {
    expect(daysToShow({ dataDays: [], now, offsetMs: 0 })).toEqual([]);
    const first = today - MAX_PADDED_DAYS - 10;
    expect(daysToShow({ dataDays: [today, first], now, offsetMs: 0 })).toEqual([first, today]);
  });
});
