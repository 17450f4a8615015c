// Test support: replays a capture folder of ../shared/fixtures/otlp (read-only, never copied) into
// TelemetryRecords with index ids in arrival order per signal, as the index would assign them.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { AttrValue, Signal, TelemetryRecord } from "@/db/telemetry";
import { flattenRequest } from "@/ingest/flatten";
import { buildSession, groupRecordsBySession } from "@/lib/adapters";
import type { BuildResult, SessionData } from "@/lib/sessions/types";
import { FIXTURES_DIR, listCaptureFolders } from "./fixtures-dir";

export const FIXTURES_ROOT = FIXTURES_DIR;

const BODY = /^(\d{4})-(logs|traces|metrics)\.(json|bin)$/;

export interface ExpectedTurn {
  index: number;
  [field: string]: unknown;
}

export interface ExpectedFixture {
  client: string;
  client_version: string | null;
  service_name: string | null;
  protocol: string;
  sessions: { id: string; turns: ExpectedTurn[] }[];
  excluded: { id: string; reason: string }[];
}

/** Protobuf bodies (`.bin`) → canonical OTLP/JSON request; injected so JSON-only runs need no decoder. */
export type BinaryDecoder = (signal: Signal, body: Uint8Array) => unknown;

/** Every capture folder (the ones with an expected.json), as paths relative to FIXTURES_ROOT, sorted. */
export function listFixtureFolders(root = FIXTURES_ROOT): string[] {
  return listCaptureFolders(root)
    .map((dir) => path.relative(root, dir))
    .sort();
}

export function isBinaryFolder(folder: string): boolean {
  return readdirSync(path.join(FIXTURES_ROOT, folder)).some((name) => BODY.exec(name)?.[3] === "bin");
}

export function readExpected(folder: string): ExpectedFixture {
  return JSON.parse(
    readFileSync(path.join(FIXTURES_ROOT, folder, "expected.json"), "utf8"),
  ) as ExpectedFixture;
}

/** The folder's records per request body, in arrival order, ids 1, 2, … per signal. */
export function loadFixtureBodies(folder: string, decodeBinary?: BinaryDecoder): TelemetryRecord[][] {
  const dir = path.join(FIXTURES_ROOT, folder);
  const bodies = readdirSync(dir)
    .map((name) => ({ name, match: BODY.exec(name) }))
    .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null)
    .sort((a, b) => Number(a.match[1]) - Number(b.match[1]));
  const nextId: Record<Signal, number> = { logs: 1, traces: 1, metrics: 1 };
  return bodies.map(({ name, match }) => {
    const signal = match[2] as Signal;
    const bytes = readFileSync(path.join(dir, name));
    let request: unknown;
    if (match[3] === "json") request = JSON.parse(bytes.toString("utf8"));
    else if (decodeBinary) request = decodeBinary(signal, new Uint8Array(bytes));
    else throw new Error(`${folder}/${name}: protobuf body but no decoder`);
    return flattenRequest(signal, request).map((flat) => {
      const { scopeVersion: _v, severityNumber: _n, severityText: _t, ...record } = flat;
      return { ...record, id: nextId[signal]++ };
    });
  });
}

/** The folder's records in arrival order, ids 1, 2, … per signal. */
export function loadFixtureRecords(folder: string, decodeBinary?: BinaryDecoder): TelemetryRecord[] {
  return loadFixtureBodies(folder, decodeBinary).flat();
}

/** Per-turn identifiers that must be fresh in every copy. */
const TURN_KEYS = [
  "prompt.id",
  "prompt_id",
  "gen_ai.prompt.name",
  "tool_use_id",
  "call_id",
  "gen_ai.tool.call.id",
];

/** A fixture session's records repeated `copies` times, each copy shifted in time and given fresh ids. */
export function replicate(records: TelemetryRecord[], copies: number): TelemetryRecord[] {
  const first = records.reduce(
    (min, r) => (BigInt(r.timeNs) < min ? BigInt(r.timeNs) : min),
    BigInt(records[0]!.timeNs),
  );
  const last = records.reduce(
    (max, r) => (BigInt(r.endTimeNs ?? r.timeNs) > max ? BigInt(r.endTimeNs ?? r.timeNs) : max),
    first,
  );
  const period = last - first + 1_000_000_000n;
  const out: TelemetryRecord[] = [];
  const nextId = { logs: 1, traces: 1, metrics: 1 };
  for (let copy = 0; copy < copies; copy++) {
    const shift = (ns: string | null): string | null =>
      ns && ns !== "0" ? String(BigInt(ns) + period * BigInt(copy)) : ns;
    const hex = (id: string | null): string | null =>
      id ? copy.toString(16).padStart(8, "0") + id.slice(8) : id;
    for (const record of records) {
      const attrs: Record<string, AttrValue> = { ...record.attrs };
      for (const key of TURN_KEYS) {
        const value = attrs[key];
        if (typeof value === "string") attrs[key] = `${value}-${copy}`;
      }
      out.push({
        ...record,
        id: nextId[record.signal]++,
        attrs,
        timeNs: shift(record.timeNs)!,
        observedTimeNs: shift(record.observedTimeNs),
        endTimeNs: shift(record.endTimeNs),
        traceId: hex(record.traceId),
        spanId: hex(record.spanId),
        parentSpanId: hex(record.parentSpanId),
      });
    }
  }
  return out;
}

/** A synthetic record for unit tests: a log unless `signal` says otherwise. */
export function makeRecord(fields: Partial<TelemetryRecord> & { id: number }): TelemetryRecord {
  return {
    signal: "logs",
    resource: {},
    scopeName: null,
    name: "",
    timeNs: "1795273000000000000",
    observedTimeNs: null,
    endTimeNs: null,
    traceId: null,
    spanId: null,
    parentSpanId: null,
    attrs: {},
    body: null,
    statusCode: null,
    statusMessage: null,
    spanKind: null,
    events: [],
    ...fields,
  };
}

/** Groups and builds a folder's records (optionally transformed first), in order of first appearance. */
export function buildFixture(
  folder: string,
  transform: (records: TelemetryRecord[]) => TelemetryRecord[] = (records) => records,
): BuildResult[] {
  return [...groupRecordsBySession(transform(loadFixtureRecords(folder)))].map(([id, group]) =>
    buildSession(id, group),
  );
}

/** The session of a build result, failing loudly when it was excluded. */
export function sessionOf(result: BuildResult | undefined): SessionData {
  if (result?.kind !== "session") throw new Error(`expected a session, got ${JSON.stringify(result)}`);
  return result.session;
}
