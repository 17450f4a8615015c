// Turn signals, triage order and suggested labels through the real server: the captures replayed through the
// real OTLP endpoints, read back from /api/sessions, /api/review/next and /api/export. Which turns must carry
// signals is derived from each capture's expected.json and scenario name (e2e/support/expected-signals.ts).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { triageScore } from "@/lib/sessions/signals";
import type { TurnSignal } from "@/lib/sessions/types";
import { FAILURE_SCENARIO, impliedSignalKinds, REFINEMENTS, scenarioOf } from "../support/expected-signals";
import { listCaptureFolders, postOtlp, replayCapture } from "../support/replay";
import { FIXTURES, settledStats, startServer, type TestServer } from "../support/server";

const FOLDERS = listCaptureFolders().filter((folder) => /\/(http-json|http)$/.test(folder));
const QWEN_TEXT = path.join(FIXTURES, "..", "otlp-more", "qwen", "text");

interface ApiTurn {
  id: string;
  index: number;
  key: string;
  trace_ids: string[];
  signals: TurnSignal[];
  suggested_labels: {
    source: string;
    name: string;
    label: string | null;
    score_label: string | null;
    score_value: number | null;
    explanation: string | null;
  }[];
  response: string | null;
  tool_calls: { success: boolean; exit_code: number | null; decision: string | null }[];
  api_errors: number;
}
interface Detail {
  session: { id: string; signals: string[] };
  turns: ApiTurn[];
}
interface Expected {
  sessions: {
    id: string;
    turns: { response: string | null; tool_calls: ApiTurn["tool_calls"]; api_errors: number }[];
  }[];
}

let server: TestServer;
const details = new Map<string, Detail>();

async function get<T>(query: string, status = 200): Promise<T> {
  const response = await fetch(`${server.ui}${query}`);
  expect(response.status, `${query}: ${await response.clone().text()}`).toBe(status);
  return (await response.json()) as T;
}

const expectedOf = (folder: string): Expected =>
  JSON.parse(fs.readFileSync(path.join(folder, "expected.json"), "utf8")) as Expected;

/** Waits (generous deadline, no fixed sleeps) until a session's detail satisfies `ready`. */
async function waitForSession(id: string, ready: (detail: Detail) => boolean): Promise<Detail> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await fetch(`${server.ui}/api/sessions/${encodeURIComponent(id)}`);
    if (response.status === 200) {
      const detail = (await response.json()) as Detail;
      if (ready(detail)) return detail;
    }
    if (Date.now() > deadline) throw new Error(`session ${id} never became ready`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** One OTLP/JSON log record, the way an OpenTelemetry SDK exporter sends it. */
function logBody(
  service: string,
  eventName: string,
  attrs: Record<string, string | number>,
  ids: { traceId?: string; spanId?: string } = {},
): string {
  const attributes = Object.entries(attrs).map(([key, value]) => ({
    key,
    value:
      typeof value !== "number"
        ? { stringValue: value }
        : Number.isInteger(value)
          ? { intValue: String(value) }
          : { doubleValue: value },
  }));
  const now = String(BigInt(Date.now()) * 1_000_000n);
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: service } }] },
        scopeLogs: [
          {
            scope: { name: "test-evaluator" },
            logRecords: [
              {
                timeUnixNano: now,
                observedTimeUnixNano: now,
                eventName,
                body: { stringValue: eventName },
                attributes: [{ key: "event.name", value: { stringValue: eventName } }, ...attributes],
                ...ids,
              },
            ],
          },
        ],
      },
    ],
  });
}

async function sendLog(body: string): Promise<void> {
  const response = await postOtlp(server.otlpHttp, {
    signal: "logs",
    contentType: "application/json",
    body: Buffer.from(body),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

beforeAll(async () => {
  server = await startServer();
  for (const folder of FOLDERS) await replayCapture(folder, server);
  await replayCapture(QWEN_TEXT, server);
  await settledStats(server);
  for (const folder of FOLDERS) {
    for (const { id } of expectedOf(folder).sessions)
      details.set(id, await get<Detail>(`/api/sessions/${encodeURIComponent(id)}`));
  }
}, 180_000);
afterAll(async () => {
  await server.stop();
  fs.rmSync(server.dataDir, { recursive: true, force: true });
});

describe("signals on GET /api/sessions/{id}", () => {
  for (const folder of FOLDERS) {
    test(path.relative(FIXTURES, folder), () => {
      let signaled = 0;
      for (const session of expectedOf(folder).sessions) {
        const detail = details.get(session.id)!;
        session.turns.forEach((want, i) => {
          const kinds = [...new Set(detail.turns[i]!.signals.map((signal) => signal.kind))];
          const implied = impliedSignalKinds(folder, want);
          if (implied.length === 0) expect(kinds, `turn ${i}`).toEqual([]);
          else expect(kinds.filter((kind) => !REFINEMENTS.has(kind)).sort(), `turn ${i}`).toEqual(implied);
          if (kinds.length > 0) signaled++;
        });
        expect(detail.session.signals.sort()).toEqual(
          [...new Set(detail.turns.flatMap((t) => t.signals.map((s) => s.kind)))].sort(),
        );
      }
      if (FAILURE_SCENARIO.test(scenarioOf(folder)))
        expect(signaled, "a failure scenario with no signal").toBeGreaterThan(0);
    });
  }

  test("a failed tool carries its exit code; a failed attempt count matches api_errors", () => {
    for (const detail of details.values()) {
      for (const turn of detail.turns) {
        for (const signal of turn.signals) {
          if (signal.kind === "tool_failed")
            expect(signal.exit_code).toBe(turn.tool_calls[signal.call_index]!.exit_code);
          if (signal.kind === "api_error") expect(signal.failed_attempts).toBe(turn.api_errors);
        }
      }
    }
  });
});

describe("signal filter on GET /api/sessions", () => {
  test("signal=<kind> lists exactly the sessions with a turn of that kind", async () => {
    const all = (await get<{ sessions: { id: string; signals: string[] }[] }>("/api/sessions?limit=500"))
      .sessions;
    const kinds = [...new Set(all.flatMap((s) => s.signals))];
    expect(kinds).toEqual(expect.arrayContaining(["tool_failed", "tool_rejected", "api_error"]));
    for (const kind of kinds) {
      const page = await get<{ sessions: { id: string }[]; total: number }>(
        `/api/sessions?limit=500&signal=${kind}`,
      );
      expect(page.sessions.map((s) => s.id)).toEqual(
        all.filter((s) => s.signals.includes(kind as never)).map((s) => s.id),
      );
      expect(page.total).toBe(page.sessions.length);
    }
  });

  test("an unknown kind is a 400 naming the parameter", async () => {
    const body = await get<{ error: string }>("/api/sessions?signal=nonsense", 400);
    expect(JSON.stringify(body)).toContain("signal");
  });
});

describe("GET /api/review/next?order=triage", () => {
  test("walks every unlabeled turn once, strongest signals first, then the rest in time order", async () => {
    const scores = new Map<string, number>();
    const all = (await get<{ sessions: { id: string }[] }>("/api/sessions?limit=500")).sessions;
    for (const { id } of all) {
      for (const turn of (await get<Detail>(`/api/sessions/${encodeURIComponent(id)}`)).turns)
        scores.set(turn.id, triageScore(turn.signals));
    }
    const seen: string[] = [];
    let after = "";
    for (;;) {
      const next = await get<{ turn_id?: string; done?: boolean }>(
        `/api/review/next?order=triage${after ? `&after=${after}` : ""}`,
      );
      if (next.done) break;
      expect(seen, "repeated a turn").not.toContain(next.turn_id);
      seen.push(next.turn_id!);
      after = next.turn_id!;
    }
    expect([...seen].sort()).toEqual([...scores.keys()].sort());
    const walked = seen.map((id) => scores.get(id)!);
    expect(walked).toEqual([...walked].sort((a, b) => b - a));
    expect(walked[0]).toBeGreaterThan(0);
    await get("/api/review/next?order=sideways", 400);
  });
});

describe("suggested labels", () => {
  test("a gen_ai.evaluation.result linked by trace shows on the turn, marked with its source", async () => {
    const codex = [...details.values()].find((d) =>
      d.turns.some((t) => t.signals.some((s) => s.kind === "tool_failed" && s.exit_code === 3)),
    )!;
    const turn = codex.turns[0]!;
    await sendLog(
      logBody(
        "my-evaluator",
        "gen_ai.evaluation.result",
        {
          "gen_ai.evaluation.name": "correctness",
          "gen_ai.evaluation.score.label": "fail",
          "gen_ai.evaluation.score.value": 0.2,
          "gen_ai.evaluation.explanation": "the command failed",
        },
        { traceId: turn.trace_ids[0]!, spanId: "00f067aa0ba902b7" },
      ),
    );
    const detail = await waitForSession(codex.session.id, (d) => d.turns[0]!.suggested_labels.length > 0);
    expect(detail.turns[0]!.suggested_labels).toEqual([
      {
        source: "gen_ai.evaluation.result",
        name: "correctness",
        label: "bad",
        score_label: "fail",
        score_value: 0.2,
        explanation: "the command failed",
      },
    ]);
    expect(
      (await get<Detail>(`/api/sessions/${encodeURIComponent(codex.session.id)}`)).turns[0]!.signals,
    ).toEqual(turn.signals);

    // a person's label stays theirs; exports leave the suggestion out unless asked
    const put = await fetch(`${server.ui}/api/turns/${turn.id}/label`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ label: "good" }),
    });
    expect(put.status).toBe(200);
    const lines = async (query: string): Promise<Record<string, unknown>[]> => {
      const response = await fetch(`${server.ui}/api/export?${query}`);
      expect(response.status, await response.clone().text()).toBe(200);
      return (await response.text())
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    };
    const plain = (await lines("format=turns&label=labeled")).find((line) => line.turn_id === turn.id)!;
    expect(plain.label).toBe("good");
    expect(plain.signals).toEqual(turn.signals);
    expect(plain).not.toHaveProperty("suggested_labels");
    expect(JSON.stringify(await lines("format=messages&label=labeled"))).not.toContain("correctness");
    const asked = (await lines("format=turns&label=labeled&suggested=include")).find(
      (line) => line.turn_id === turn.id,
    )!;
    expect(asked.label).toBe("good");
    expect(asked.suggested_labels).toEqual(detail.turns[0]!.suggested_labels);
    await get("/api/export?suggested=maybe", 400);
  });

  test("one linked by session and gen_ai.response.id lands on the turn of that response", async () => {
    const folder = FOLDERS.find((f) => f.endsWith(path.join("claude-code", "bash", "http-json")))!;
    const sessionId = expectedOf(folder).sessions[0]!.id;
    const traces = fs
      .readdirSync(folder)
      .filter((f) => /traces\.json$/.test(f))
      .map((f) => fs.readFileSync(path.join(folder, f), "utf8"))
      .join("");
    const responseId = /"gen_ai\.response\.id","value":\{"stringValue":"([^"]+)"/.exec(traces)![1]!;
    await sendLog(
      logBody("my-evaluator", "gen_ai.evaluation.result", {
        "session.id": sessionId,
        "gen_ai.response.id": responseId,
        "gen_ai.evaluation.name": "helpfulness",
        "gen_ai.evaluation.score.label": "pass",
        "gen_ai.evaluation.explanation": "x".repeat(10_000),
      }),
    );
    const detail = await waitForSession(sessionId, (d) => d.turns.some((t) => t.suggested_labels.length > 0));
    const suggestion = detail.turns.flatMap((t) => t.suggested_labels)[0]!;
    expect(suggestion).toMatchObject({
      source: "gen_ai.evaluation.result",
      name: "helpfulness",
      label: "good",
      score_value: null,
    });
    expect(suggestion.explanation!.length).toBeLessThanOrEqual(4000);
    expect(detail.turns.map((t) => t.signals)).toEqual(details.get(sessionId)!.turns.map((t) => t.signals));
  });

  test("Qwen Code user_feedback becomes a feedback signal and a suggestion; a record without a name is ignored", async () => {
    const sessionId = (
      JSON.parse(fs.readFileSync(path.join(QWEN_TEXT, "ground-truth.json"), "utf8")) as { session_id: string }
    ).session_id;
    const before = await get<Detail>(`/api/sessions/${encodeURIComponent(sessionId)}`);
    expect(before.turns.flatMap((t) => t.signals)).toEqual([]);
    await sendLog(
      logBody("my-evaluator", "gen_ai.evaluation.result", {
        "session.id": sessionId,
        "gen_ai.evaluation.score.label": "fail",
      }),
    );
    await sendLog(
      logBody("qwen-code", "qwen-code.user_feedback", {
        "session.id": sessionId,
        session_id: sessionId,
        rating: 1,
        model: "qwen",
      }),
    );
    const detail = await waitForSession(sessionId, (d) => d.turns.some((t) => t.signals.length > 0));
    const turn = detail.turns.at(-1)!;
    expect(turn.signals).toEqual([
      { kind: "feedback", source: "qwen-code.user_feedback", rating: 1, label: "bad" },
    ]);
    expect(turn.suggested_labels).toEqual([
      {
        source: "qwen-code.user_feedback",
        name: "user_feedback",
        label: "bad",
        score_label: "bad",
        score_value: 1,
        explanation: null,
      },
    ]);
    const first = await get<{ turn_id: string }>("/api/review/next?order=triage");
    expect(first.turn_id).toBe(turn.id); // bad feedback is the strongest signal
  });
});
