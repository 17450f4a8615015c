// Compares what the sessions API serves with a capture folder's expected.json (fixtures README).
import { expect } from "vitest";

export interface ExpectedTurn {
  index: number;
  prompt: string | null;
  prompt_redacted: boolean;
  response: string | null;
  model: string | null;
  tool_calls: { name: string; success: boolean; exit_code: number | null; decision: string | null }[];
  api_errors: number;
  input_tokens: number;
  output_tokens: number;
}

export interface Expected {
  client: string;
  client_version: string | null;
  sessions: { id: string; turns: ExpectedTurn[] }[];
  excluded: { id: string; reason: string }[];
  record_counts: {
    log_records: number;
    spans: number;
    metric_data_points: number;
    requests: { logs: number; traces: number; metrics: number };
  };
}

interface ApiTurn extends ExpectedTurn {
  id: string;
  key: string;
}

/** The fields expected.json has, picked from an API turn. */
export function pickExpectedFields(turn: ExpectedTurn): ExpectedTurn {
  return {
    index: turn.index,
    prompt: turn.prompt,
    prompt_redacted: turn.prompt_redacted,
    response: turn.response,
    model: turn.model,
    tool_calls: turn.tool_calls.map((call) => ({
      name: call.name,
      success: call.success,
      exit_code: call.exit_code,
      decision: call.decision,
    })),
    api_errors: turn.api_errors,
    input_tokens: turn.input_tokens,
    output_tokens: turn.output_tokens,
  };
}

export async function expectSessionsMatch(ui: string, expected: Expected): Promise<void> {
  const list = (await (await fetch(`${ui}/api/sessions?limit=500`)).json()) as {
    sessions: { id: string; client: string }[];
  };
  // The API lists newest first; expected.json lists in order of first appearance.
  expect(list.sessions.map((session) => session.id)).toEqual(
    expected.sessions.map((session) => session.id).reverse(),
  );
  const excluded = new Set(expected.excluded.map((entry) => entry.id));
  for (const session of expected.sessions) {
    const detail = (await (await fetch(`${ui}/api/sessions/${encodeURIComponent(session.id)}`)).json()) as {
      session: { client: string; client_version: string | null };
      turns: ApiTurn[];
    };
    expect(detail.session.client).toBe(expected.client);
    expect(detail.turns.map(pickExpectedFields)).toEqual(session.turns);
    for (const turn of detail.turns) expect(excluded.has(turn.key)).toBe(false);
  }
  for (const session of list.sessions) expect(excluded.has(session.id)).toBe(false);
}

/** `GET /api/export?label=all&format=turns` gives exactly the expected sessions and turns, in order. */
export async function expectExportMatches(ui: string, expected: Expected): Promise<void> {
  const text = await (await fetch(`${ui}/api/export?label=all&format=turns&redact=false`)).text();
  const lines = text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ExportTurn);
  const bySession = expected.sessions.map((session) => ({
    id: session.id,
    turns: lines.filter((line) => line.session_id === session.id).map(fromExport),
  }));
  expect(bySession).toEqual(expected.sessions);
  expect(lines).toHaveLength(expected.sessions.reduce((n, session) => n + session.turns.length, 0));
  for (const line of lines) expect(line.client).toBe(expected.client);
}

interface ExportTurn extends Omit<ExpectedTurn, "index" | "input_tokens" | "output_tokens"> {
  session_id: string;
  client: string;
  turn_index: number;
  usage: { input_tokens: number; output_tokens: number };
}

function fromExport(line: ExportTurn): ExpectedTurn {
  return pickExpectedFields({
    ...line,
    index: line.turn_index,
    input_tokens: line.usage.input_tokens,
    output_tokens: line.usage.output_tokens,
  });
}
