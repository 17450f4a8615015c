// The pure half of incremental builds (the index half is lib/sessions/incremental.ts): when a session can be
// continued at all, whether a region of its records leaves the session-wide facts as the stored build had
// them, and the region's turns sliced by the client's own rule. Anything this cannot decide exactly is
// answered with a reason, and the caller builds the session in full.
import type { TelemetryRecord } from "@/db/telemetry";
import { evaluationOf } from "@/lib/sessions/suggestions";
import type { ClientAdapter, TurnSlice } from "./adapter";
import { compareNs, endNs, str } from "./common";
import { indexSessionRecords } from "./records";
import { adapterOf, GENERIC_ADAPTER } from "./registry";
import { isTranscriptRecord } from "./transcript-records";

/** What a stored build says of all its records, for the next incremental build (db/schema.ts session_builds). */
export interface Continuation {
  /** First and last activity (logs and spans; times and ends in decimal ns). */
  firstNs: string;
  lastNs: string;
  /** The time of the record that named the client. */
  clientNs: string;
}

/** What a full build adds to its result for storing and continuing it. */
export interface BuildFacts {
  adapter: ClientAdapter | null;
  /** Each telemetry turn's prompt time (turns are numbered in this order). */
  promptNs: Map<string, string>;
  /** Null: the next build must be a full one too. */
  continuation: Continuation | null;
}

/** A record that judges a turn (native feedback, an evaluation): linked across the whole session. */
function isJudging(adapter: ClientAdapter, record: TelemetryRecord): boolean {
  if (record.signal !== "logs") return false;
  return (adapter.nativeEvents?.feedbackOf?.(record) ?? null) !== null || evaluationOf(record) !== null;
}

/**
 * Whether the next build may be incremental, and from what: only for a client that reads turn keys from
 * records (ClientAdapter.turnKeyOf), with no transcript lines and no judging records (both are joined to
 * turns across the whole session), no keyless record naming a turn (it could belong to several sessions), and
 * some activity.
 */
export function continuationOf(
  adapter: ClientAdapter,
  records: readonly TelemetryRecord[],
  telemetry: readonly TelemetryRecord[],
  clientNs: string | null,
  keyed: (record: TelemetryRecord) => boolean,
): Continuation | null {
  const turnKeyOf = adapter.turnKeyOf;
  if (!turnKeyOf || clientNs === null || records.some(isTranscriptRecord)) return null;
  let firstNs: string | null = null;
  let lastNs: string | null = null;
  for (const record of telemetry) {
    if (isJudging(adapter, record) || (!keyed(record) && turnKeyOf(record) !== null)) return null;
    if (record.signal === "metrics") continue;
    if (firstNs === null || compareNs(record.timeNs, firstNs) < 0) firstNs = record.timeNs;
    if (lastNs === null || compareNs(endNs(record), lastNs) > 0) lastNs = endNs(record);
  }
  return firstNs === null || lastNs === null ? null : { firstNs, lastNs, clientNs };
}

/** The stored session's client, as sessionClient (index.ts) named it. */
export interface StoredClient {
  client: string;
  clientVersion: string | null;
  serviceName: string | null;
}

/**
 * The continuation after adding `region` (records new to the build, or re-read with the turns they touch),
 * or why the session must be built in full: a transcript line, a judging record, or a record at or before
 * the one that named the client that would name it differently.
 */
export function continueWith(
  adapter: ClientAdapter,
  stored: StoredClient,
  from: Continuation,
  region: readonly TelemetryRecord[],
): Continuation | { fallback: string } {
  let { firstNs, lastNs, clientNs } = from;
  for (const record of region) {
    if (isTranscriptRecord(record)) return { fallback: "transcript lines arrived" };
    if (isJudging(adapter, record)) return { fallback: "a judging record (feedback, evaluation) arrived" };
    const named = adapterOf(record.resource);
    if (named !== GENERIC_ADAPTER && compareNs(record.timeNs, clientNs) <= 0) {
      const same =
        named.id === stored.client &&
        named.clientVersion(record.resource) === stored.clientVersion &&
        str(record.resource, "service.name") === stored.serviceName;
      if (!same) return { fallback: "an earlier record names the client differently" };
      clientNs = record.timeNs;
    }
    if (record.signal === "metrics") continue;
    if (compareNs(record.timeNs, firstNs) < 0) firstNs = record.timeNs;
    if (compareNs(endNs(record), lastNs) > 0) lastNs = endNs(record);
  }
  return { firstNs, lastNs, clientNs };
}

/** The turns of a closed region of records by the client's own slicing (README rules), in prompt order. */
export function sliceRegion(
  adapter: ClientAdapter,
  sessionId: string,
  region: readonly TelemetryRecord[],
): { slices: TurnSlice[] } | { fallback: string } {
  const slicing = adapter.sliceTurns(indexSessionRecords(region), sessionId);
  if ("excluded" in slicing) return { fallback: `the region says: ${slicing.excluded}` };
  return { slices: slicing.turns };
}
