// Synthetic Claude Code sessions cut from a real capture (claude-code/bash): one OTLP/JSON logs request holding
// any number of one-turn sessions, each with its own session id, for the durability and scheduling tests.
import fs from "node:fs";
import path from "node:path";
import { FIXTURES } from "./server";

const CAPTURE = path.join(FIXTURES, "claude-code", "bash", "http-json", "0002-logs.json");
const FIXTURE_SESSION_ID = "5731d058-6609-4ff7-844b-d3c2eae8b987";
/** The records that make one turn: the prompt, one model call and its response. */
const TURN_EVENTS = ["claude_code.user_prompt", "claude_code.api_request", "claude_code.assistant_response"];

interface LogsBody {
  resourceLogs: { scopeLogs: { logRecords: { body?: { stringValue?: string } }[] }[] }[];
}

const template = JSON.parse(fs.readFileSync(CAPTURE, "utf8")) as LogsBody;
const turnRecords = JSON.stringify(
  template.resourceLogs[0]!.scopeLogs[0]!.logRecords.filter((record) =>
    TURN_EVENTS.includes(record.body?.stringValue ?? ""),
  ).slice(0, 3),
);

/** A session id that sorts and reads well in failures: `<prefix>-<n>`. */
export const sessionIdOf = (prefix: string, n: number): string => `${prefix}-${String(n).padStart(6, "0")}`;

/** One logs request with one one-turn session per id. */
export function claudeSessionsBody(ids: string[]): Buffer {
  const body = structuredClone(template);
  body.resourceLogs[0]!.scopeLogs[0]!.logRecords = ids.flatMap(
    (id) => JSON.parse(turnRecords.replaceAll(FIXTURE_SESSION_ID, id)) as [],
  );
  return Buffer.from(JSON.stringify(body));
}

export async function postSessions(otlpHttp: string, ids: string[]): Promise<Response> {
  return fetch(`${otlpHttp}/v1/logs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: new Uint8Array(claudeSessionsBody(ids)),
  });
}

/** Polls until `check` holds (a generous deadline: tests run on a loaded machine). */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T>,
  check: (value: T) => boolean,
  deadlineMs = 60_000,
): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (check(value)) return value;
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what}: last ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The session's detail from the API, or null for a 404. */
export async function getSession(
  ui: string,
  id: string,
): Promise<{ session: { id: string }; turns: { id: string; label: unknown }[] } | null> {
  const response = await fetch(`${ui}/api/sessions/${encodeURIComponent(id)}`);
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`GET /api/sessions/${id}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { session: { id: string }; turns: { id: string; label: unknown }[] };
}
