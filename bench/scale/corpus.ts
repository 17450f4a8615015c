// A large store made from one real capture: Claude Code's `bash` logs body (OTLP/JSON) rewritten into many
// sessions of multi-record turns, each with fresh session/prompt/message ids, trace and span ids, times,
// prompts (searchable words), models and some failed tool calls.
import fs from "node:fs";
import path from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import { FIXTURES } from "../../e2e/support/server";
import { RECORDS_PER_TURN } from "../config";
import { sentence } from "../load/agent-records";

interface KeyValue {
  key: string;
  value: Record<string, unknown>;
}

interface LogRecord {
  timeUnixNano: string;
  observedTimeUnixNano: string;
  attributes: KeyValue[];
  traceId?: string;
  spanId?: string;
  [field: string]: unknown;
}

interface LogsRequest {
  resourceLogs: { resource: unknown; scopeLogs: { scope: unknown; logRecords: LogRecord[] }[] }[];
}

const TEMPLATE = path.join(FIXTURES, "claude-code", "bash", "http-json", "0002-logs.json");

/** A turn with two tool calls, from the capture's events (10 = RECORDS_PER_TURN). */
const TURN_EVENTS = [
  "user_prompt",
  "api_request",
  "assistant_response",
  "tool_decision",
  "tool_result",
  "api_request",
  "tool_decision",
  "tool_result",
  "api_request",
  "assistant_response",
];
if (TURN_EVENTS.length !== RECORDS_PER_TURN) throw new Error("TURN_EVENTS must have RECORDS_PER_TURN events");

const MODELS = ["claude-opus-5-5", "claude-sonnet-5", "claude-haiku-5"];

/** Every 10th session has a failed tool call (so `has_errors=true` selects ~10%). */
const FAILING_SESSION_EVERY = 10;
/** A word in ~1% of prompts, for a selective full-text search; common words are in most prompts. */
export const RARE_WORD = "zebra";
const RARE_EVERY = 100;
/** Sessions start this far apart (10k sessions span ~3.5 days), turns a minute apart. */
const SESSION_SPACING_MS = 30_000;
const TURN_SPACING_MS = 60_000;
const RECORD_SPACING_MS = 300;

const str = (value: string): Record<string, unknown> => ({ stringValue: value });
const hex = (bytes: number): string => randomBytes(bytes).toString("hex");
const nanos = (ms: number): string => `${ms}000000`;

export interface SessionPlan {
  id: string;
  index: number;
  turns: number;
}

export class Corpus {
  private readonly resource: unknown;
  private readonly scope: unknown;
  private readonly byEvent = new Map<string, LogRecord>();

  /** `sessionSpacingMs`: how far apart session `index` and `index + 1` start (the large stores spread a year). */
  constructor(
    private readonly baseMs = Date.now() - 7 * 86_400_000,
    private readonly sessionSpacingMs = SESSION_SPACING_MS,
  ) {
    const request = JSON.parse(fs.readFileSync(TEMPLATE, "utf8")) as LogsRequest;
    const group = request.resourceLogs[0]!;
    this.resource = group.resource;
    this.scope = group.scopeLogs[0]!.scope;
    for (const record of group.scopeLogs[0]!.logRecords) {
      const name = record.attributes.find((kv) => kv.key === "event.name")?.value.stringValue;
      if (typeof name === "string" && !this.byEvent.has(name)) this.byEvent.set(name, record);
    }
    for (const event of TURN_EVENTS)
      if (!this.byEvent.has(event)) throw new Error(`${TEMPLATE} has no ${event} event`);
  }

  /** One OTLP/JSON logs request with turns [fromTurn, fromTurn + turns) of a session. */
  body(session: SessionPlan, fromTurn: number, turns: number): Buffer {
    const records: LogRecord[] = [];
    for (let turn = fromTurn; turn < fromTurn + turns; turn++) records.push(...this.turn(session, turn));
    const request: LogsRequest = {
      resourceLogs: [{ resource: this.resource, scopeLogs: [{ scope: this.scope, logRecords: records }] }],
    };
    return Buffer.from(JSON.stringify(request));
  }

  private turn(session: SessionPlan, turn: number): LogRecord[] {
    const start = this.baseMs + session.index * this.sessionSpacingMs + turn * TURN_SPACING_MS;
    const promptId = randomUUID();
    const traceId = hex(16);
    const seed = session.index * 7919 + turn;
    const model = MODELS[session.index % MODELS.length]!;
    const fails = session.index % FAILING_SESSION_EVERY === 0 && turn === 0;
    let prompt = sentence(40 + (seed % 40), seed);
    if (seed % RARE_EVERY === 0) prompt += ` ${RARE_WORD} crossing`;
    let toolUseId = "";
    let toolResults = 0;
    return TURN_EVENTS.map((event, i) => {
      const at = start + i * RECORD_SPACING_MS;
      const overrides: Record<string, Record<string, unknown>> = {
        "session.id": str(session.id),
        "prompt.id": str(promptId),
        "event.timestamp": str(new Date(at).toISOString()),
        "event.sequence": { intValue: turn * RECORDS_PER_TURN + i },
        "message.uuid": str(randomUUID()),
        request_id: str(`req_${hex(12)}`),
        model: str(model),
      };
      if (event === "user_prompt")
        Object.assign(overrides, {
          prompt: str(prompt),
          prompt_text: str(prompt),
          prompt_length: str(String(prompt.length)),
        });
      if (event === "assistant_response") overrides.response = str(sentence(25 + (seed % 30), seed + i));
      if (event === "tool_decision") toolUseId = `toolu_${hex(12)}`;
      if (event === "tool_decision" || event === "tool_result") overrides.tool_use_id = str(toolUseId);
      if (event === "tool_result" && fails && toolResults++ === 0) overrides.success = str("false");
      return this.record(event, overrides, { at, traceId });
    });
  }

  /** The capture's record of this event with its own ids and times; only attributes it has are rewritten. */
  private record(
    event: string,
    overrides: Record<string, Record<string, unknown>>,
    ids: { at: number; traceId: string },
  ): LogRecord {
    const template = this.byEvent.get(event)!;
    const attributes = template.attributes.map((kv) =>
      kv.key in overrides ? { key: kv.key, value: overrides[kv.key]! } : kv,
    );
    return {
      ...template,
      timeUnixNano: nanos(ids.at),
      observedTimeUnixNano: nanos(ids.at),
      attributes,
      traceId: ids.traceId,
      spanId: hex(8),
    };
  }
}
