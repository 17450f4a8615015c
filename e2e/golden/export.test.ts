// Export through its real entry points (the CLI and GET /api/export) over data replayed through the real
// OTLP endpoints and labeled through the real label API: every format parses, preference rows come only from
// labeled turns, each filter selects exactly what it says, redaction is on by default.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { postOtlp, replayCapture } from "../support/replay";
import { FIXTURES, ROOT, settledStats, startServer, type TestServer } from "../support/server";

const run = promisify(execFile);
const FOLDERS = [
  "codex/multi_turn/http-json",
  "claude-code/bash/http-json",
  "claude-code/no-prompt-logging/http-json",
  "gemini-cli/two-prompts/http",
  "copilot-cli/shell/http-json",
];
const SECRET = "ghp_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A"; // shaped like a GitHub token, built at runtime

interface TurnLine {
  schema: string;
  session_id: string;
  turn_id: string;
  client: string;
  model: string | null;
  started_at: string;
  prompt: string | null;
  label: string | null;
  note: string | null;
}

let server: TestServer;
let turns: TurnLine[] = [];
const labeled: Record<string, "good" | "bad"> = {};

async function exportLines<T = TurnLine>(query: string): Promise<T[]> {
  const response = await fetch(`${server.ui}/api/export?${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.text())
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);
}

/** A Claude Code prompt carrying a secret, sent as OTLP/JSON like the real CLI sends it. */
function secretPromptBody(): string {
  const attr = (key: string, value: string) => ({ key, value: { stringValue: value } });
  const now = BigInt(Date.now()) * 1_000_000n;
  const record = (name: string, extra: object[], offset: bigint) => ({
    timeUnixNano: String(now + offset),
    observedTimeUnixNano: String(now + offset),
    body: { stringValue: `claude_code.${name}` },
    attributes: [
      attr("event.name", name),
      attr("session.id", "export-secret-session"),
      attr("prompt.id", "export-secret-prompt"),
      ...extra,
    ],
  });
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [attr("service.name", "claude-code"), attr("service.version", "2.1.328")] },
        scopeLogs: [
          {
            scope: { name: "com.anthropic.claude_code.events" },
            logRecords: [
              record("user_prompt", [attr("prompt", `deploy with token ${SECRET} please`)], 0n),
              record(
                "api_request",
                [attr("model", "claude-sonnet-5"), attr("input_tokens", "10"), attr("output_tokens", "5")],
                1000n,
              ),
            ],
          },
        ],
      },
    ],
  });
}

beforeAll(async () => {
  server = await startServer();
  for (const folder of FOLDERS) await replayCapture(path.join(FIXTURES, folder), server);
  const secret = await postOtlp(server.otlpHttp, {
    signal: "logs",
    contentType: "application/json",
    body: Buffer.from(secretPromptBody()),
  });
  expect(secret.status).toBe(200);
  await settledStats(server);
  turns = await exportLines("label=all&format=turns&redact=false");
  // label every other turn, alternating good and bad; a note on the first
  for (const [i, turn] of turns.entries()) {
    if (i % 2 === 1) continue;
    const label = i % 4 === 0 ? "good" : "bad";
    labeled[turn.turn_id] = label;
    const body = i === 0 ? { label, note: "a note" } : { label };
    const response = await fetch(`${server.ui}/api/turns/${turn.turn_id}/label`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
  }
}, 120_000);

afterAll(async () => {
  await server.stop();
  fs.rmSync(server.dataDir, { recursive: true, force: true });
});

describe("export", () => {
  test("turns: one schema-versioned line per turn, with labels", async () => {
    const lines = await exportLines("label=all&format=turns");
    expect(lines.length).toBe(turns.length);
    expect(lines.length).toBeGreaterThan(6);
    for (const line of lines) {
      expect(line.schema).toBe("tracemark.turn.v1");
      expect(line.label).toBe(labeled[line.turn_id] ?? null);
    }
    expect(lines.filter((line) => line.note === "a note")).toHaveLength(1);
  });

  test("each label filter selects exactly what it says", async () => {
    const ids = (lines: TurnLine[]): string[] => lines.map((line) => line.turn_id).sort();
    const having = (label?: string): string[] =>
      Object.entries(labeled)
        .filter(([, l]) => !label || l === label)
        .map(([id]) => id)
        .sort();
    expect(ids(await exportLines("label=good"))).toEqual(having("good"));
    expect(ids(await exportLines("label=bad"))).toEqual(having("bad"));
    expect(ids(await exportLines("label=labeled"))).toEqual(having());
    expect(ids(await exportLines("label=all&has_note=true"))).toHaveLength(1);
  });

  test("client, model, session and time filters", async () => {
    for (const client of ["codex", "claude-code", "gemini-cli", "copilot-cli"]) {
      const lines = await exportLines(`label=all&client=${client}`);
      expect(lines.length).toBe(turns.filter((turn) => turn.client === client).length);
      expect(lines.every((line) => line.client === client)).toBe(true);
    }
    const model = turns.find((turn) => turn.model)!.model!;
    expect(
      (await exportLines(`label=all&model=${encodeURIComponent(model)}`)).every(
        (line) => line.model === model,
      ),
    ).toBe(true);
    const session = turns[0]!.session_id;
    const bySession = await exportLines(`label=all&session=${session}`);
    expect(bySession.length).toBe(turns.filter((turn) => turn.session_id === session).length);
    const times = turns.map((turn) => turn.started_at).sort();
    const middle = times[Math.floor(times.length / 2)]!;
    const since = await exportLines(`label=all&since=${middle}`);
    const until = await exportLines(`label=all&until=${middle}`);
    expect(since.every((line) => line.started_at >= middle)).toBe(true);
    expect(until.every((line) => line.started_at < middle)).toBe(true);
    expect(since.length + until.length).toBe(turns.length);
  });

  test("messages and preference formats parse; preference rows come only from labeled turns", async () => {
    const messages = await exportLines<{ messages: { role: string }[]; label: string | null }>(
      "label=all&format=messages",
    );
    expect(messages.length).toBeGreaterThan(0);
    for (const line of messages) expect(line.messages[0]!.role).toBe("user");
    const preference = await exportLines<{ prompt: unknown[]; completion: unknown[]; label: boolean }>(
      "label=all&format=preference",
    );
    expect(preference.length).toBeGreaterThan(0);
    expect(preference.length).toBeLessThanOrEqual(Object.keys(labeled).length);
    for (const row of preference) {
      expect(typeof row.label).toBe("boolean");
      expect(row.completion.length).toBeGreaterThan(0);
    }
  });

  test("the preview count equals the lines the download holds, for every format", async () => {
    const count = async (query: string): Promise<number> => {
      const response = await fetch(`${server.ui}/api/export/count?${query}`);
      expect(response.status).toBe(200);
      return ((await response.json()) as { turns: number }).turns;
    };
    const counts: Record<string, number> = {};
    for (const format of ["turns", "messages", "preference"]) {
      for (const label of ["all", "labeled", "good", "bad"]) {
        const query = `label=${label}&format=${format}`;
        counts[query] = await count(query);
        expect(counts[query], query).toBe((await exportLines(query)).length);
      }
    }
    // The chat formats leave out turns without a prompt text; the captures have some, so the counts differ.
    expect(turns.some((turn) => turn.prompt === null)).toBe(true);
    expect(counts["label=all&format=messages"]).toBeLessThan(counts["label=all&format=turns"]!);
  });

  test("secrets are redacted by default and kept with redact=false", async () => {
    const redacted = (await exportLines("label=all&session=export-secret-session"))[0]!;
    expect(redacted.prompt).toBe("deploy with token [REDACTED:github-token] please");
    const raw = (await exportLines("label=all&session=export-secret-session&redact=false"))[0]!;
    expect(raw.prompt).toContain(SECRET);
  });

  test("bad options get 400 naming the option", async () => {
    for (const [query, name] of [
      ["label=maybe", "label"],
      ["format=csv", "format"],
      ["since=yesterday", "since"],
      ["colour=red", "colour"],
    ]) {
      const response = await fetch(`${server.ui}/api/export?${query}`);
      expect(response.status).toBe(400);
      expect(await response.text()).toContain(name);
    }
  });

  test("the CLI takes --data-dir over TRACEMARK_DATA_DIR", async () => {
    const out = path.join(server.dataDir, "export-flag.jsonl");
    await run(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/export.ts",
        "--label",
        "all",
        "--format",
        "messages",
        "--out",
        out,
        "--data-dir",
        server.dataDir,
      ],
      {
        cwd: ROOT,
        env: { ...process.env, TRACEMARK_DATA_DIR: path.join(server.dataDir, "not-this-one") },
      },
    );
    const lines = fs.readFileSync(out, "utf8").split("\n").filter(Boolean);
    expect(lines.length).toBe((await exportLines("label=all&format=messages")).length);
  });

  test("the CLI writes the same lines to a file and reports redactions", async () => {
    const out = path.join(server.dataDir, "export.jsonl");
    const { stderr } = await run(
      process.execPath,
      ["--import", "tsx", "scripts/export.ts", "--label", "all", "--format", "turns", "--out", out],
      {
        cwd: ROOT,
        env: { ...process.env, TRACEMARK_DATA_DIR: server.dataDir },
      },
    );
    const lines = fs
      .readFileSync(out, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as TurnLine);
    const api = await exportLines("label=all&format=turns");
    expect(lines).toEqual(api.map((line) => ({ ...line })));
    expect(stderr).toMatch(/exported \d+ turns lines; 1 secrets redacted \(github-token 1\)/);
  });
});
