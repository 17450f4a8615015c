// OpenTelemetry SDK log records that look like a coding agent's events (Claude Code's event names and
// attributes, as in the claude-code fixtures): one AgentSession hands out batches of ~100 records, ~10 turns.
import { randomBytes, randomUUID } from "node:crypto";
import type { ReadableLogRecord } from "@opentelemetry/sdk-logs";
import { resourceFromAttributes } from "@opentelemetry/resources";
import type { HrTime } from "@opentelemetry/api";
import { RECORDS_PER_TURN } from "../config";

const RESOURCE = resourceFromAttributes({
  "service.name": "claude-code",
  "service.version": "2.1.328",
  "os.type": "linux",
  "host.arch": "amd64",
});
/** One scope object: the SDK groups records by scope identity. */
const SCOPE = { name: "com.anthropic.claude_code.events", version: "2.1.328" };

/** The events of one turn with two tool calls, in the order Claude Code logs them (10 = RECORDS_PER_TURN). */
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
] as const;
if (TURN_EVENTS.length !== RECORDS_PER_TURN) throw new Error("TURN_EVENTS must have RECORDS_PER_TURN events");

const MODELS = ["claude-opus-5-5", "claude-sonnet-5", "claude-haiku-5"];
const WORDS = (
  "refactor parser module timeout retry cache index query session turn label export archive stream " +
  "decoder protobuf json schema migration test fixture server client handler route page component " +
  "keyboard focus review dataset budget latency throughput memory sqlite segment compress rebuild"
).split(" ");

/** A deterministic-enough word salad of `words` words (prompts and answers of a few hundred bytes). */
export function sentence(words: number, seed: number): string {
  const out: string[] = [];
  let x = seed >>> 0 || 1;
  for (let i = 0; i < words; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.push(WORDS[(x >>> 0) % WORDS.length]!);
  }
  return out.join(" ");
}

const hex = (bytes: number): string => randomBytes(bytes).toString("hex");

function toHrTime(ms: number): HrTime {
  return [Math.floor(ms / 1000), Math.round((ms % 1000) * 1e6)];
}

/** One agent session; each `nextBatch` call continues it with new turns (fresh ids and timestamps). */
export class AgentSession {
  private readonly sessionId = randomUUID();
  private readonly userId = hex(32);
  private sequence = 0;
  private turn = 0;

  nextBatch(records: number): ReadableLogRecord[] {
    const out: ReadableLogRecord[] = [];
    while (out.length < records) out.push(...this.nextTurn().slice(0, records - out.length));
    return out;
  }

  private nextTurn(): ReadableLogRecord[] {
    const promptId = randomUUID();
    const traceId = hex(16);
    const model = MODELS[this.turn % MODELS.length]!;
    const start = Date.now();
    const seed = this.turn++ * 7919 + this.sequence;
    let toolUseId = "";
    return TURN_EVENTS.map((event, i) => {
      const time = toHrTime(start + i * 3);
      const attributes: Record<string, string | number | boolean> = {
        "user.id": this.userId,
        "session.id": this.sessionId,
        "terminal.type": "xterm-256color",
        "event.name": event,
        "event.timestamp": new Date(start + i * 3).toISOString(),
        "event.sequence": this.sequence++,
        "prompt.id": promptId,
      };
      if (event === "user_prompt") {
        const prompt = sentence(60, seed); // ~400 bytes
        Object.assign(attributes, { prompt, prompt_length: String(prompt.length) });
      } else if (event === "api_request") {
        Object.assign(attributes, {
          model,
          input_tokens: 4000 + (seed % 900),
          output_tokens: 50 + (seed % 300),
          cache_read_tokens: 7768,
          cache_creation_tokens: 1200,
          cost_usd: 0.0263,
          duration_ms: 140 + (seed % 60),
          request_id: `req_${hex(12)}`,
        });
      } else if (event === "assistant_response") {
        Object.assign(attributes, { model, response: sentence(30, seed + i), request_id: `req_${hex(12)}` });
      } else if (event === "tool_decision") {
        toolUseId = `toolu_${hex(12)}`;
        Object.assign(attributes, {
          decision: "accept",
          source: "config",
          tool_name: "Bash",
          tool_use_id: toolUseId,
          tool_parameters: JSON.stringify({ bash_command: "ls", full_command: "ls -la src" }),
        });
      } else {
        Object.assign(attributes, {
          tool_name: "Bash",
          tool_use_id: toolUseId,
          success: "true",
          duration_ms: "64",
          tool_input: JSON.stringify({ command: "ls -la src", description: "List files" }),
        });
      }
      return {
        hrTime: time,
        hrTimeObserved: time,
        spanContext: { traceId, spanId: hex(8), traceFlags: 1 },
        body: `claude_code.${event}`,
        resource: RESOURCE,
        instrumentationScope: SCOPE,
        attributes,
        droppedAttributesCount: 0,
      };
    });
  }
}
