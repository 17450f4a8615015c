import { decodeExportRequest } from "../ingest/otlp/decode";
import { flattenRequest, toAttrs, toAttrValue } from "../ingest/flatten";
import { agentTemplates, bodyCycle } from "./load/bodies";
const now = () => performance.now();
type Json = Record<string, any>;
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const ns = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "0");
function flatFast(request: Json, out: any[]) {
  for (const rg of list(request.resourceLogs)) {
    const resource = toAttrs(rg.resource?.attributes);
    for (const sg of list(rg.scopeLogs)) {
      const scopeName = str(sg.scope?.name), scopeVersion = str(sg.scope?.version);
      for (const log of list(sg.logRecords)) {
        const attrs = toAttrs(log.attributes);
        const time = ns(log.timeUnixNano); const observed = ns(log.observedTimeUnixNano);
        const eventAttr = attrs["event.name"];
        out.push({ signal: "logs", resource, scopeName, scopeVersion, name: str(log.eventName) ?? (typeof eventAttr === "string" ? eventAttr : ""),
          timeNs: time !== "0" ? time : observed, observedTimeNs: observed, endTimeNs: null, traceId: str(log.traceId), spanId: str(log.spanId), parentSpanId: null,
          attrs, body: toAttrValue(log.body), statusCode: null, statusMessage: null, spanKind: null, events: [], severityNumber: typeof log.severityNumber === "number" ? log.severityNumber : null, severityText: str(log.severityText) });
      }
    }
  }
}
const EMPTY = { observedTimeNs: null, endTimeNs: null, traceId: null, spanId: null, parentSpanId: null, body: null, statusCode: null, statusMessage: null, spanKind: null, events: [], severityNumber: null, severityText: null };
function walk(request: Json, rk: string, sk: string, ik: string, visit: (item: Json, resource: any, scope: any) => void) {
  for (const rg of list(request[rk])) { const resource = toAttrs(rg.resource?.attributes);
    for (const sg of list(rg[sk])) { const scope = { scopeName: str(sg.scope?.name), scopeVersion: str(sg.scope?.version) };
      for (const item of list(sg[ik])) visit(item, resource, scope); } }
}
function flatWalkSpread(request: Json, out: any[]) {
  walk(request, "resourceLogs", "scopeLogs", "logRecords", (log, resource, scope) => {
    const attrs = toAttrs(log.attributes); const time = ns(log.timeUnixNano); const observed = ns(log.observedTimeUnixNano); const eventAttr = attrs["event.name"];
    out.push({ ...EMPTY, signal: "logs", resource, ...scope, name: str(log.eventName) ?? (typeof eventAttr === "string" ? eventAttr : ""), timeNs: time !== "0" ? time : observed, observedTimeNs: observed, traceId: str(log.traceId), spanId: str(log.spanId), attrs, body: toAttrValue(log.body), severityNumber: typeof log.severityNumber === "number" ? log.severityNumber : null, severityText: str(log.severityText) });
  });
}
function flatWalkLiteral(request: Json, out: any[]) {
  walk(request, "resourceLogs", "scopeLogs", "logRecords", (log, resource, scope) => {
    const attrs = toAttrs(log.attributes); const time = ns(log.timeUnixNano); const observed = ns(log.observedTimeUnixNano); const eventAttr = attrs["event.name"];
    out.push({ signal: "logs", resource, scopeName: scope.scopeName, scopeVersion: scope.scopeVersion, name: str(log.eventName) ?? (typeof eventAttr === "string" ? eventAttr : ""), timeNs: time !== "0" ? time : observed, observedTimeNs: observed, endTimeNs: null, traceId: str(log.traceId), spanId: str(log.spanId), parentSpanId: null, attrs, body: toAttrValue(log.body), statusCode: null, statusMessage: null, spanKind: null, events: [], severityNumber: typeof log.severityNumber === "number" ? log.severityNumber : null, severityText: str(log.severityText) });
  });
}
function main() {
  const next = bodyCycle(agentTemplates(32, "protobuf"));
  const decoded = Array.from({ length: 400 }, () => decodeExportRequest("logs", "protobuf", next().body));
  for (let k = 0; k < 6; k++) {
    let t = now(); for (const d of decoded) flattenRequest("logs", d.request); const a = now() - t;
    t = now(); for (const d of decoded) { const o: any[] = []; flatFast(d.request, o); } const b = now() - t;
    t = now(); for (const d of decoded) for (const rl of (d.request as any).resourceLogs) for (const sl of rl.scopeLogs) for (const lr of sl.logRecords) toAttrs(lr.attributes); const c = now() - t;
    t = now(); for (const d of decoded) { const o: any[] = []; flatWalkSpread(d.request, o); } const e = now() - t;
    t = now(); for (const d of decoded) { const o: any[] = []; flatWalkLiteral(d.request, o); } const f = now() - t;
    console.log("flatten", a.toFixed(0), "explicit literal", b.toFixed(0), "toAttrs only", c.toFixed(0), "walk+spread", e.toFixed(0), "walk+literal", f.toFixed(0));
  }
}
main();
