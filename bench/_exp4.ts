import { Indexer } from "../ingest/indexer";
import { IngestStatements } from "../db/queries/ingest";
import { toAttrs, toAttrValue } from "../ingest/flatten";
import { sessionKeyOf } from "../ingest/session-key";
import { agentTemplates, bodyCycle } from "./load/bodies";
import { measureInProcess } from "./limit";
type Json = Record<string, any>;
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const ns = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "0");
function flatFast(request: Json): any[] {
  const out: any[] = [];
  for (const rg of list(request.resourceLogs)) { const resource = toAttrs(rg.resource?.attributes);
    for (const sg of list(rg.scopeLogs)) { const scopeName = str(sg.scope?.name), scopeVersion = str(sg.scope?.version);
      for (const log of list(sg.logRecords)) { const attrs = toAttrs(log.attributes); const time = ns(log.timeUnixNano); const observed = ns(log.observedTimeUnixNano); const eventAttr = attrs["event.name"];
        out.push({ signal: "logs", resource, scopeName, scopeVersion, name: str(log.eventName) ?? (typeof eventAttr === "string" ? eventAttr : ""), timeNs: time !== "0" ? time : observed, observedTimeNs: observed, endTimeNs: null, traceId: str(log.traceId), spanId: str(log.spanId), parentSpanId: null, attrs, body: toAttrValue(log.body), statusCode: null, statusMessage: null, spanKind: null, events: [], severityNumber: typeof log.severityNumber === "number" ? log.severityNumber : null, severityText: str(log.severityText) }); } } }
  return out;
}
const origIndexOne = (Indexer.prototype as any).indexOne;
const origResourceId = (IngestStatements.prototype as any).resourceId;
function fastIndexOne(this: any, { request, body }: any, change: any) {
  if (!this.statements.isDuplicate("logs", request.bodyHash)) {
    const rows = flatFast(body);
    const requestId = this.statements.insertRequest(request, rows.length);
    for (const row of rows) { const sessionKey = sessionKeyOf(row.attrs, row.resource); this.statements.insertRecord("logs", requestId, { ...row, sessionKey }); if (sessionKey) change.sessionKeys.add(sessionKey); else if (row.traceId) change.unkeyedTraceIds.add(row.traceId); }
    change.records += rows.length;
  }
  this.statements.markIndexed(request.segment, "logs", request.line);
}
const cache = new WeakMap<object, number>();
function fastResourceId(this: any, resource: object) { let id = cache.get(resource); if (id === undefined) { id = origResourceId.call(this, resource); cache.set(resource, id!); } return id; }
async function main() {
  const t = agentTemplates(32, "protobuf");
  const variants: Record<string, { patch: () => void; tune?: (db: any) => void }> = {
    A_baseline: { patch: () => { (Indexer.prototype as any).indexOne = origIndexOne; (IngestStatements.prototype as any).resourceId = origResourceId; } },
    B_flatten_literal: { patch: () => { (Indexer.prototype as any).indexOne = fastIndexOne; (IngestStatements.prototype as any).resourceId = origResourceId; } },
    C_B_plus_resource_cache: { patch: () => { (Indexer.prototype as any).indexOne = fastIndexOne; (IngestStatements.prototype as any).resourceId = fastResourceId; } },
    D_C_plus_checkpoint_16MiB: { patch: () => { (Indexer.prototype as any).indexOne = fastIndexOne; (IngestStatements.prototype as any).resourceId = fastResourceId; }, tune: (db) => db.$client.pragma("wal_autocheckpoint = 4096") },
  };
  for (let rep = 0; rep < 2; rep++) for (const [name, v] of Object.entries(variants)) {
    v.patch();
    const r = await measureInProcess(bodyCycle(t), { concurrency: 8, seconds: 6, tuneDb: v.tune });
    console.log(name, r.load.recordsPerSecond, "indexed", r.indexedRecordsPerSecond, "p99", r.load.latencyMs.p99);
  }
}
void main();
