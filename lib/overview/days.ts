// Day buckets in the viewer's zone: a fixed offset from UTC (minutes east, as the browser reports it now),
// so a day is [local midnight, next local midnight) and its bounds are plain ISO times the sessions list takes.
// Across a DST change the offset is the current one, so older days can be an hour off; noted in docs/overview.md.

export const DAY_MS = 86_400_000;
/** Past this many days the chart gets only the days with data (no empty-day padding). */
export const MAX_PADDED_DAYS = 1_100;

export const offsetMsOf = (utcOffsetMinutes: number): number => utcOffsetMinutes * 60_000;

/** Days since the epoch in the viewer's zone (the SQL in db/queries/overview.ts cuts the same way). */
export const dayNumberOf = (ms: number, offsetMs: number): number => Math.floor((ms + offsetMs) / DAY_MS);

export function dayBoundsOf(day: number, offsetMs: number): { day: string; since: string; until: string } {
  const start = day * DAY_MS - offsetMs;
  return {
    day: new Date(day * DAY_MS).toISOString().slice(0, 10),
    since: new Date(start).toISOString(),
    until: new Date(start + DAY_MS).toISOString(),
  };
}

/**
 * The days a chart shows: every day of the range, empty ones included, so the time axis is even. An open
 * start begins at the first day with data; an open end runs to today (or the last day with data, if later).
 */
export function daysToShow({
  since,
  until,
  dataDays,
  now,
  offsetMs,
}: {
  since?: number;
  until?: number;
  dataDays: number[];
  now: number;
  offsetMs: number;
}): number[] {
  const sorted = [...new Set(dataDays)].sort((a, b) => a - b);
  const first = since !== undefined ? dayNumberOf(since, offsetMs) : sorted[0];
  if (first === undefined) return [];
  const lastData = sorted.at(-1) ?? first;
  const last =
    until !== undefined ? dayNumberOf(until - 1, offsetMs) : Math.max(lastData, dayNumberOf(now, offsetMs));
  if (last < first) return [];
  if (last - first > MAX_PADDED_DAYS) return sorted;
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
