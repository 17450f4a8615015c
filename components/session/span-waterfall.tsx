// A turn's spans as a waterfall: one row per span, nested under its parent, the bar placed by start and
// end relative to the turn's first span start and last span end.
import type { RecordView } from "@/lib/shared/views";
import { formatDuration } from "../format";

/** Beyond this many rows the waterfall stops being readable; the raw records still have everything. */
const MAX_ROWS = 500;

interface Row {
  span: RecordView;
  depth: number;
  startMs: number;
  endMs: number;
}

const nsToMsOffset = (ns: string, origin: bigint): number => Number(BigInt(ns) - origin) / 1e6;

/** Depth-first by start time, children under their parent; orphans (parent not in this turn) are roots. */
export function layoutSpans(spans: readonly RecordView[]): { rows: Row[]; totalMs: number } {
  const timed = spans.filter((span) => /^\d+$/.test(span.timeNs));
  if (timed.length === 0) return { rows: [], totalMs: 0 };
  const origin = timed.reduce(
    (min, span) => (BigInt(span.timeNs) < min ? BigInt(span.timeNs) : min),
    BigInt(timed[0]!.timeNs),
  );
  const ids = new Set(timed.map((span) => span.spanId));
  const children = new Map<string | null, RecordView[]>();
  for (const span of timed) {
    const parent = span.parentSpanId && ids.has(span.parentSpanId) ? span.parentSpanId : null;
    const siblings = children.get(parent);
    if (siblings) siblings.push(span);
    else children.set(parent, [span]);
  }
  const rows: Row[] = [];
  const visit = (parent: string | null, depth: number): void => {
    const list = (children.get(parent) ?? []).sort((a, b) => (BigInt(a.timeNs) < BigInt(b.timeNs) ? -1 : 1));
    for (const span of list) {
      const startMs = nsToMsOffset(span.timeNs, origin);
      const endMs =
        span.endTimeNs && /^\d+$/.test(span.endTimeNs)
          ? Math.max(startMs, nsToMsOffset(span.endTimeNs, origin))
          : startMs;
      rows.push({ span, depth, startMs, endMs });
      if (span.spanId && span.spanId !== parent) visit(span.spanId, depth + 1);
    }
  };
  visit(null, 0);
  return { rows, totalMs: Math.max(...rows.map((row) => row.endMs), 0) };
}

export function SpanWaterfall({ spans }: { spans: readonly RecordView[] }) {
  const { rows, totalMs } = layoutSpans(spans);
  if (rows.length === 0) return <p className="text-xs text-zinc-500">This turn has no spans.</p>;
  const scale = totalMs > 0 ? totalMs : 1;
  return (
    <div data-testid="span-waterfall" className="text-xs">
      <div className="mb-1 text-zinc-500">
        {rows.length} spans over {formatDuration(totalMs)}
      </div>
      <ul className="space-y-px">
        {rows.slice(0, MAX_ROWS).map(({ span, depth, startMs, endMs }) => (
          <li
            key={`${span.id}`}
            className="grid grid-cols-[minmax(0,16rem)_minmax(0,1fr)_4.5rem] items-center gap-2"
          >
            <span
              className="truncate font-mono"
              style={{ paddingLeft: `${Math.min(depth, 12) * 0.75}rem` }}
              title={span.name}
            >
              {span.name}
            </span>
            <span className="relative h-3 rounded-sm bg-zinc-100 dark:bg-zinc-800">
              <span
                className={`absolute inset-y-0 rounded-sm ${span.statusCode === 2 ? "bg-red-500" : "bg-blue-500"}`}
                style={{
                  left: `${(startMs / scale) * 100}%`,
                  width: `max(2px, ${((endMs - startMs) / scale) * 100}%)`,
                }}
              />
            </span>
            <span className="text-right text-zinc-500 tabular-nums">{formatDuration(endMs - startMs)}</span>
          </li>
        ))}
      </ul>
      {rows.length > MAX_ROWS && (
        <p className="mt-1 text-zinc-500">
          {rows.length - MAX_ROWS} more spans not drawn; see the raw records.
        </p>
      )}
    </div>
  );
}
