// Session templates for the generated stores: real-shaped requests turned into archive lines once by the
// product's own code (`decodeExportRequest` → canonical OTLP/JSON → `toArchiveLine`), then instantiated many
// times by rewriting fixed fields only: UUIDs, trace/span ids, nanosecond and ISO timestamps. Every rewrite
// keeps the field's syntax (same kind of value), so each instance is again a canonical line, of a new session.
import { randomBytes } from "node:crypto";
import type { Signal } from "../../db/telemetry";
import { toArchiveLine } from "../../ingest/archive/line";
import { decodeExportRequest } from "../../ingest/otlp/decode";
import { wellFormedJson } from "../../ingest/otlp/well-formed";

/** One export request as an exporter would have sent it (OTLP/JSON body). */
export interface TemplateRequest {
  signal: Signal;
  body: Buffer;
  userAgent: string | null;
}

interface Field {
  at: number;
  length: number;
  kind: "uuid" | "id" | "nanos" | "iso";
  value: string;
}

interface LineTemplate {
  signal: Signal;
  text: string;
  records: number;
  fields: Field[];
}

export interface SessionTemplate {
  name: string;
  lines: LineTemplate[];
  /** Earliest record timestamp (ns): moved to the instance's start. */
  baseNs: bigint;
  records: number;
}

export interface GeneratedLine {
  signal: Signal;
  line: string;
  records: number;
}

const PATTERNS: [Field["kind"], RegExp][] = [
  ["uuid", /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi],
  ["id", /(?<="(?:traceId|spanId|parentSpanId)":")[0-9a-f]+(?=")/g],
  ["nanos", /(?<="(?:timeUnixNano|observedTimeUnixNano|startTimeUnixNano|endTimeUnixNano)":")[1-9]\d*(?=")/g],
  ["iso", /(?<=")\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z(?=")/g],
];

/** The same steps as `Receiver.receive` between decode and the archive append (no index, no ack). */
function lineTemplate(request: TemplateRequest, receivedAt: number): LineTemplate {
  const decoded = decodeExportRequest(request.signal, "json", request.body);
  const json = JSON.stringify(decoded.request);
  const meta = { receivedAt, signal: request.signal, transport: "http", encoding: "json" } as const;
  const text = toArchiveLine(
    { ...meta, contentEncoding: null, userAgent: request.userAgent },
    wellFormedJson(json) ?? json,
  );
  const fields: Field[] = [];
  for (const [kind, pattern] of PATTERNS)
    for (const match of text.matchAll(pattern))
      fields.push({ at: match.index, length: match[0].length, kind, value: match[0] });
  fields.sort((a, b) => a.at - b.at);
  return { signal: request.signal, text, records: decoded.records, fields };
}

/** A session template from its requests (in arrival order); `receivedAt` is the capture's own time. */
export function sessionTemplate(
  name: string,
  requests: TemplateRequest[],
  receivedAt: number,
): SessionTemplate {
  const lines = requests.map((request) => lineTemplate(request, receivedAt));
  let baseNs: bigint | null = null;
  for (const line of lines)
    for (const field of line.fields)
      if (field.kind === "nanos" && (baseNs === null || BigInt(field.value) < baseNs))
        baseNs = BigInt(field.value);
  const records = lines.reduce((sum, line) => sum + line.records, 0);
  return { name, lines, baseNs: baseNs ?? BigInt(receivedAt) * 1_000_000n, records };
}

/** Random hex from a pooled buffer: one randomBytes call per 64 KiB instead of one per id (that call was
 * most of the generator's time). */
let pool = "";
function randomHex(chars: number): string {
  if (pool.length < chars) pool = randomBytes(32_768).toString("hex");
  const hex = pool.slice(0, chars);
  pool = pool.slice(chars);
  return hex;
}

function randomUuid(): string {
  const h = randomHex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** One new session from a template, starting at `startMs`: fresh ids, every time moved by the same amount. */
export function instantiate(template: SessionTemplate, startMs: number): GeneratedLine[] {
  const uuids = new Map<string, string>();
  const ids = new Map<string, string>();
  // A whole number of milliseconds, so a nanosecond time moves by adding to its first 13 digits only.
  const deltaMs = startMs - Number(template.baseNs / 1_000_000n);
  const fresh = (field: Field): string => {
    switch (field.kind) {
      case "uuid":
        return uuids.get(field.value) ?? uuids.set(field.value, randomUuid()).get(field.value)!;
      case "id":
        return ids.get(field.value) ?? ids.set(field.value, randomHex(field.length)).get(field.value)!;
      case "nanos":
        return field.length > 6
          ? `${Number(field.value.slice(0, -6)) + deltaMs}${field.value.slice(-6)}`
          : String(BigInt(field.value) + BigInt(deltaMs) * 1_000_000n);
      case "iso":
        return new Date(Date.parse(field.value) + deltaMs).toISOString();
    }
  };
  return template.lines.map((line) => {
    const parts: string[] = [];
    let from = 0;
    for (const field of line.fields) {
      parts.push(line.text.slice(from, field.at), fresh(field));
      from = field.at + field.length;
    }
    parts.push(line.text.slice(from));
    return { signal: line.signal, line: parts.join(""), records: line.records };
  });
}
