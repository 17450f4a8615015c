// Transcripts joined to telemetry, through the real server: every folder of ../shared/fixtures/transcripts
// replayed (OTLP) and imported (its transcript/ root) in both orders. Each turn gains what only the
// transcript has (full tool outputs and status, file changes) while expected.json still holds, turn ids do
// not move, labels stay, and a transcript alone is a full session. Ground truth: expected-transcript.json.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { expectSessionsMatch, type Expected } from "../support/expected";
import { TRANSCRIPT_FIXTURES_DIR } from "../support/fixtures-dir";
import { listCaptureFolders, replayCapture } from "../support/replay";
import { settledStats, startServer, tempDataDir, type TestServer } from "../support/server";

interface ExpectedTranscript {
  sessions: {
    transcript_session_id: string;
    turns: {
      prompt: string;
      final_answer: string;
      tool_calls: {
        call_id: string;
        name: string;
        output: string;
        success: boolean;
        exit_code: number | null;
      }[];
    }[];
  }[];
}

interface ApiTurn {
  id: string;
  index: number;
  key: string;
  prompt: string | null;
  response: string | null;
  tool_calls: {
    call_id: string | null;
    name: string;
    output: string | null;
    success: boolean | null;
    exit_code: number | null;
    file_change: unknown;
  }[];
  sources?: { otel: boolean; transcript: boolean; fields: Record<string, string> };
  label: { label: string | null };
}

const running = new Set<TestServer>();
afterAll(async () => {
  await Promise.all([...running].map((server) => server.stop()));
});

async function withServer<T>(
  work: (server: TestServer) => Promise<T>,
  env: Record<string, string> = {},
): Promise<T> {
  const server = await startServer({ env });
  running.add(server);
  try {
    return await work(server);
  } finally {
    await server.stop();
    running.delete(server);
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
}

async function importHome(server: TestServer, home: string): Promise<{ files: number; lines: number }> {
  const response = await fetch(`${server.ui}/api/transcripts/import`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ home }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  const report = (await response.json()) as { files: number; lines: number };
  await settledStats(server);
  return report;
}

async function turnsOf(server: TestServer, sessionId: string): Promise<ApiTurn[]> {
  const response = await fetch(`${server.ui}/api/sessions/${encodeURIComponent(sessionId)}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { turns: ApiTurn[] }).turns;
}

/** Each turn carries the transcript's assistant answer, tool calls with full outputs, status and exit codes. */
function expectTranscriptFacts(turns: ApiTurn[], expected: ExpectedTranscript["sessions"][number]): void {
  expect(turns).toHaveLength(expected.turns.length);
  expected.turns.forEach((want, i) => {
    const turn = turns[i]!;
    expect(turn.prompt).toBe(want.prompt);
    expect(turn.response).toBe(want.final_answer);
    for (const call of want.tool_calls) {
      const got = turn.tool_calls.find((candidate) => candidate.call_id === call.call_id);
      expect(got, `${call.name} ${call.call_id}`).toMatchObject({
        name: call.name,
        output: call.output,
        success: call.success,
      });
      if (call.exit_code !== null) expect(got?.exit_code).toBe(call.exit_code);
    }
    expect(turn.sources?.transcript).toBe(true);
  });
}

/** Two servers, two replays and two imports per folder: generous, for a loaded machine (a hang guard, not a
 * speed check). */
const FOLDER_TIMEOUT_MS = 240_000;

const read = <T>(file: string): T => JSON.parse(fs.readFileSync(file, "utf8")) as T;
const folders = listCaptureFolders(TRANSCRIPT_FIXTURES_DIR);

describe.concurrent("transcripts joined to telemetry", () => {
  test("finds the transcript captures", () => expect(folders.length).toBeGreaterThanOrEqual(4));

  for (const folder of folders) {
    const name = path.relative(TRANSCRIPT_FIXTURES_DIR, folder);
    const expected = read<Expected>(path.join(folder, "expected.json"));
    const transcript = read<ExpectedTranscript>(path.join(folder, "expected-transcript.json"));
    const home = path.join(folder, "transcript");

    test(
      `${name}: telemetry, a label, then the transcript; and the other way round`,
      async () => {
        const otelFirst = await withServer(async (server) => {
          await replayCapture(folder, server);
          await settledStats(server);
          const sessionId = transcript.sessions[0]!.transcript_session_id;
          const before = await turnsOf(server, sessionId);
          const labeled = before[0]!;
          const put = await fetch(`${server.ui}/api/turns/${labeled.id}/label`, {
            method: "PUT",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ label: "bad" }),
          });
          expect(put.status).toBe(200);
          const report = await importHome(server, home);
          expect(report.lines).toBeGreaterThan(0);
          await expectSessionsMatch(server.ui, expected); // no duplicated turns, nothing OTel said is lost
          const sessions: Record<string, ApiTurn[]> = {};
          for (const session of transcript.sessions) {
            const turns = await turnsOf(server, session.transcript_session_id);
            expectTranscriptFacts(turns, session);
            sessions[session.transcript_session_id] = turns;
          }
          const after = sessions[sessionId]!;
          expect(after.map((turn) => turn.id)).toEqual(before.map((turn) => turn.id)); // ids unchanged
          expect(after.find((turn) => turn.id === labeled.id)?.label.label).toBe("bad");
          // importing again adds nothing
          const records = (await settledStats(server)).log_records;
          expect((await importHome(server, home)).lines).toBe(0);
          expect((await settledStats(server)).log_records).toBe(records);
          return sessions;
        });

        const transcriptFirst = await withServer(async (server) => {
          await importHome(server, home);
          // a transcript alone is a full session
          for (const session of transcript.sessions) {
            const turns = await turnsOf(server, session.transcript_session_id);
            expect(turns.map((turn) => turn.prompt)).toEqual(session.turns.map((turn) => turn.prompt));
            expect(turns.every((turn) => turn.sources?.otel === false)).toBe(true);
          }
          await replayCapture(folder, server);
          await settledStats(server);
          const sessions: Record<string, ApiTurn[]> = {};
          for (const session of transcript.sessions)
            sessions[session.transcript_session_id] = await turnsOf(server, session.transcript_session_id);
          return sessions;
        });
        // the same records in another order: the same sessions and turns (labels aside)
        const withoutLabels = (sessions: Record<string, ApiTurn[]>) =>
          Object.fromEntries(
            Object.entries(sessions).map(([id, turns]) => [
              id,
              turns.map(({ label: _label, ...turn }) => turn),
            ]),
          );
        expect(withoutLabels(transcriptFirst)).toEqual(withoutLabels(otelFirst));
      },
      FOLDER_TIMEOUT_MS,
    );
  }
});

describe("transcripts on their own", () => {
  const claude = folders.find((folder) => folder.includes(`claude-code${path.sep}edit-file`))!;
  const codexResume = folders.find((folder) => folder.includes(`codex${path.sep}multi_turn`))!;

  test("a transcript-only session can be labeled and exported, with its file change", async () => {
    const expected = read<ExpectedTranscript>(path.join(claude, "expected-transcript.json"));
    await withServer(async (server) => {
      await importHome(server, path.join(claude, "transcript"));
      const session = expected.sessions[0]!;
      const turns = await turnsOf(server, session.transcript_session_id);
      expectTranscriptFacts(turns, session);
      const edit = turns[0]!.tool_calls.find((call) => call.name === "Edit");
      expect(edit?.file_change).toMatchObject({ before: 'print("hi")\n', after: 'print("hello, world")\n' });
      const put = await fetch(`${server.ui}/api/turns/${turns[0]!.id}/label`, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ label: "good" }),
      });
      expect(put.status).toBe(200);
      const exported = await (
        await fetch(`${server.ui}/api/export?label=good&format=turns&redact=false`)
      ).text();
      const rows = exported
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { prompt: string });
      expect(rows.map((row) => row.prompt)).toEqual([session.turns[0]!.prompt]);
      // the Connect page counts it, and says the switch is off and what it would read
      const clients = (await (await fetch(`${server.ui}/api/clients`)).json()) as {
        clients: { client: string; transcript_sessions: number }[];
      };
      expect(clients.clients.find((entry) => entry.client === "claude-code")?.transcript_sessions).toBe(1);
      const connect = await (await fetch(`${server.ui}/connect`)).text();
      expect(connect).toMatch(/data-testid="connect-transcripts"/);
      expect(connect).toMatch(/data-testid="transcripts-claude-code"[^]*?<td>1<\/td>/);
      expect(connect).toContain(".claude/projects/*/*.jsonl");
    });
  });

  test("a file that grows between imports (a resumed session) gives the new turn, the first unchanged", async () => {
    const expected = read<ExpectedTranscript>(path.join(codexResume, "expected-transcript.json"));
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "tracemark-home-"));
    try {
      fs.cpSync(path.join(codexResume, "transcript"), home, { recursive: true });
      const rollout = listFiles(home).find((file) => /rollout-.*\.jsonl$/.test(file))!;
      const whole = fs.readFileSync(rollout, "utf8");
      // cut just before the second turn starts (the resume), mid-way through writing its first line
      const second = whole.indexOf('"task_started"', whole.indexOf('"task_started"') + 1);
      const cut = whole.lastIndexOf("\n", second) + 20;
      fs.writeFileSync(rollout, whole.slice(0, cut));
      await withServer(async (server) => {
        await importHome(server, home);
        const sessionId = expected.sessions[0]!.transcript_session_id;
        const first = await turnsOf(server, sessionId);
        expect(first.map((turn) => turn.prompt)).toEqual([expected.sessions[0]!.turns[0]!.prompt]);
        fs.writeFileSync(rollout, whole);
        await importHome(server, home);
        const both = await turnsOf(server, sessionId);
        expect(both.map((turn) => turn.prompt)).toEqual(
          expected.sessions[0]!.turns.map((turn) => turn.prompt),
        );
        expect(both[0]!.id).toBe(first[0]!.id);
        const lines = whole.split("\n").filter((line) => line !== "").length;
        expect((await settledStats(server)).log_records).toBe(lines); // every line once
      });
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  test("TRACEMARK_TRANSCRIPT_HOMES: a transcript written after the start shows up by itself", async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "tracemark-home-"));
    const expected = read<ExpectedTranscript>(path.join(claude, "expected-transcript.json"));
    try {
      await withServer(
        async (server) => {
          fs.cpSync(path.join(claude, "transcript"), home, { recursive: true });
          const sessionId = expected.sessions[0]!.transcript_session_id;
          const deadline = Date.now() + 60_000;
          let turns: ApiTurn[] = [];
          while (Date.now() < deadline) {
            const response = await fetch(`${server.ui}/api/sessions/${encodeURIComponent(sessionId)}`);
            if (response.status === 200) turns = ((await response.json()) as { turns: ApiTurn[] }).turns;
            if (turns.length > 0 && turns[0]!.response !== null) break;
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
          expectTranscriptFacts(turns, expected.sessions[0]!);
        },
        { TRACEMARK_TRANSCRIPT_HOMES: home, TRACEMARK_TRANSCRIPT_SCAN_MS: "200" },
      );
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  test("bad import requests get a 400 naming the problem; damaged transcript files are skipped", async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "tracemark-home-"));
    try {
      const dir = path.join(home, ".claude", "projects", "-x");
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(
        path.join(dir, "garbage.jsonl"),
        Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x0a]), Buffer.from('{"type":"user"\n[1]\n{"torn')]),
      );
      await withServer(async (server) => {
        const post = (body: string) =>
          fetch(`${server.ui}/api/transcripts/import`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body,
          });
        for (const [body, message] of [
          [JSON.stringify({ home: "relative/dir" }), /home: must be an absolute path/],
          [JSON.stringify({ home: "/nonexistent-tracemark-home" }), /is not a directory/],
          [JSON.stringify({ home: 5 }), /home/],
          ["{not json", /not valid JSON/],
        ] as const) {
          const response = await post(body);
          expect(response.status).toBe(400);
          expect(((await response.json()) as { error: string }).error).toMatch(message);
        }
        const report = await importHome(server, home);
        expect(report.files).toBe(1);
        const list = (await (await fetch(`${server.ui}/api/sessions`)).json()) as { sessions: unknown[] };
        expect(list.sessions).toEqual([]);
      });
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe("npm run import", () => {
  const claude = folders.find((folder) => folder.includes(`claude-code${path.sep}bash`))!;
  const sessionId = read<ExpectedTranscript>(path.join(claude, "expected-transcript.json")).sessions[0]!
    .transcript_session_id;
  const runImport = (env: Record<string, string>, ...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "scripts/import.ts", ...args], {
      env: { ...process.env, ...env },
      encoding: "utf8",
      timeout: 120_000,
    });

  test(
    "without a server it writes the data dir; with one it goes through it; bad arguments exit non-zero",
    async () => {
      const dataDir = tempDataDir();
      const direct = runImport({ TRACEMARK_DATA_DIR: dataDir }, "--home", path.join(claude, "transcript"));
      expect(direct.status, direct.stderr).toBe(0);
      expect(direct.stdout).toMatch(/1 transcript files, \d+ new lines \(sessions: 1 claude-code\)/);
      const usage = runImport({ TRACEMARK_DATA_DIR: dataDir });
      expect(usage.status).toBe(2);
      expect(usage.stderr).toMatch(/usage: npm run import -- --home DIR/);

      const server = await startServer({ dataDir });
      running.add(server);
      try {
        expect((await turnsOf(server, sessionId)).length).toBeGreaterThan(0);
        const env = { TRACEMARK_DATA_DIR: dataDir, PORT: String(server.ports.ui) };
        const again = runImport(env, "--home", path.join(claude, "transcript"));
        expect(again.status, again.stderr).toBe(0);
        expect(again.stdout).toMatch(/1 transcript files, 0 new lines/); // through the server: nothing twice
        const missing = runImport(env, "--home", "/nonexistent-tracemark-home");
        expect(missing.status).toBe(1);
        expect(missing.stderr).toMatch(/answered 400: home: \/nonexistent-tracemark-home is not a directory/);
      } finally {
        await server.stop();
        running.delete(server);
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
    FOLDER_TIMEOUT_MS,
  );
});
