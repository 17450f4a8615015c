// Request bodies for raw replay: the real captures' log bodies (read-only, from ../shared/fixtures/otlp) and
// serialized agent batches, each sent with fresh UUIDs so that no two requests are the same export (the
// index would count a repeated body once) and each replay is a new session.
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { JsonLogsSerializer, ProtobufLogsSerializer } from "@opentelemetry/otlp-transformer";
import { FIXTURES } from "../../e2e/support/server";
import { decodeExportRequest, type OtlpEncoding } from "../../ingest/otlp/decode";
import { RECORDS_PER_EXPORT } from "../config";
import { AgentSession } from "./agent-records";

export interface BodyTemplate {
  name: string;
  body: Buffer;
  records: number;
  /** Byte offsets of each distinct UUID in the body (ASCII in both encodings: session.id, prompt.id, …). */
  uuidOffsets: number[][];
}

export interface Body {
  body: Buffer;
  records: number;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

export function toTemplate(name: string, body: Buffer, encoding: OtlpEncoding): BodyTemplate {
  const byUuid = new Map<string, number[]>();
  // latin1 maps bytes 1:1 to chars, so string offsets are byte offsets even in protobuf.
  for (const match of body.toString("latin1").matchAll(UUID)) {
    byUuid.set(match[0], [...(byUuid.get(match[0]) ?? []), match.index]);
  }
  const records = decodeExportRequest("logs", encoding, body).records;
  return { name, body, records, uuidOffsets: [...byUuid.values()] };
}

/** A copy of the template with every distinct UUID replaced by a new one (same length: protobuf stays valid). */
export function freshBody(template: BodyTemplate): Body {
  const body = Buffer.from(template.body);
  for (const offsets of template.uuidOffsets) {
    const uuid = randomUUID();
    for (const offset of offsets) body.write(uuid, offset, "latin1");
  }
  return { body, records: template.records };
}

const LOGS_BODY = /^\d{4}-logs\.(bin|json)$/;

/** Every captured logs body of one encoding that carries a UUID (two tiny Codex bodies do not). */
export function fixtureTemplates(encoding: OtlpEncoding): BodyTemplate[] {
  const found: BodyTemplate[] = [];
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (
        LOGS_BODY.test(entry.name) &&
        entry.name.endsWith(encoding === "protobuf" ? ".bin" : ".json")
      ) {
        found.push(toTemplate(path.relative(FIXTURES, full), fs.readFileSync(full), encoding));
      }
    }
  };
  visit(FIXTURES);
  return found
    .filter((template) => template.uuidOffsets.length > 0)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Agent batches serialized by the OTel SDK's own serializers (what the exporters put on the wire). */
export function agentTemplates(count: number, encoding: OtlpEncoding): BodyTemplate[] {
  const serializer = encoding === "protobuf" ? ProtobufLogsSerializer : JsonLogsSerializer;
  return Array.from({ length: count }, (_, i) => {
    const bytes = serializer.serializeRequest(new AgentSession().nextBatch(RECORDS_PER_EXPORT));
    if (!bytes) throw new Error("the OTel serializer produced no body");
    return toTemplate(`agent-${i}`, Buffer.from(bytes), encoding);
  });
}

/** Round-robin over templates, each use with fresh UUIDs. */
export function bodyCycle(templates: BodyTemplate[]): () => Body {
  if (templates.length === 0) throw new Error("no request bodies to replay");
  let next = 0;
  return () => freshBody(templates[next++ % templates.length]!);
}

export const describeTemplates = (templates: BodyTemplate[]): string => {
  const records = templates.reduce((sum, t) => sum + t.records, 0);
  const bytes = templates.reduce((sum, t) => sum + t.body.length, 0);
  return `${templates.length} bodies, ${(records / templates.length).toFixed(0)} records and ${(bytes / templates.length / 1024).toFixed(1)} KiB per body on average`;
};
