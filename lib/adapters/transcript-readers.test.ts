// Golden tests of the transcript readers: every real transcript in ../shared/fixtures/transcripts read by its
// client's reader equals the folder's expected-transcript.json (turns, prompts, assistant messages in order,
// tool calls with full outputs and status, final answers, tokens); torn and foreign lines are skipped.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TRANSCRIPT_FIXTURES_DIR } from "@/e2e/support/fixtures-dir";
import type { TranscriptSession, TranscriptToolCall } from "./transcript";
import { transcriptSourceOf, TRANSCRIPT_SOURCES } from "./transcript-sources";

interface ExpectedToolCall {
  call_id: string;
  name: string;
  arguments: unknown;
  output: string;
  success: boolean;
  exit_code: number | null;
  tool_use_result?: {
    originalFile?: string;
    structuredPatch?: { lines: string[] }[];
    type?: string;
    content?: string;
  };
}
interface ExpectedTurn {
  prompt: string;
  started_at: string;
  items: { kind: string; text?: string; phase?: string; call_id?: string }[];
  tool_calls: ExpectedToolCall[];
  final_answer: string;
  model?: string;
  tokens: Record<string, number | string>;
}
interface ExpectedTranscript {
  client: string;
  transcript_files: { path: string }[];
  sessions: { transcript_session_id: string; transcript_file: string; turns: ExpectedTurn[] }[];
}

/** Every `<client>/<scenario>/<protocol>/` folder with an expected-transcript.json. */
function transcriptFolders(): string[] {
  const folders: string[] = [];
  const walk = (dir: string): void => {
    if (fs.existsSync(path.join(dir, "expected-transcript.json"))) folders.push(dir);
    else
      for (const entry of fs.readdirSync(dir, { withFileTypes: true }))
        if (entry.isDirectory()) walk(path.join(dir, entry.name));
  };
  walk(TRANSCRIPT_FIXTURES_DIR);
  return folders.sort();
}

function readTranscript(folder: string, file: string): TranscriptSession | null {
  const relative = path.relative("transcript", file).split(path.sep).join("/");
  const source = transcriptSourceOf(relative);
  if (!source) throw new Error(`no transcript source matches ${relative}`);
  return source.read(fs.readFileSync(path.join(folder, file), "utf8").split("\n"));
}

/** Token totals as each client's expected file names them. */
function expectedTokens(tokens: ExpectedTurn["tokens"]): Record<string, unknown> {
  return {
    responses: tokens.responses,
    input_tokens: tokens.input_tokens,
    output_tokens: tokens.output_tokens,
    cached_input_tokens:
      tokens.cached_input_tokens ??
      tokens.cache_read_input_tokens ??
      tokens.cached_tokens ??
      tokens.cache_read_tokens,
  };
}

function argumentsOf(value: unknown): unknown {
  return typeof value === "string" ? value : JSON.stringify(value);
}

const folders = transcriptFolders();

describe("transcript readers", () => {
  it("finds the transcript fixtures", () => {
    expect(folders.length).toBeGreaterThanOrEqual(TRANSCRIPT_SOURCES.length);
  });

  for (const folder of folders) {
    it(path.relative(TRANSCRIPT_FIXTURES_DIR, folder), () => {
      const expected = JSON.parse(
        fs.readFileSync(path.join(folder, "expected-transcript.json"), "utf8"),
      ) as ExpectedTranscript;
      for (const session of expected.sessions) {
        const read = readTranscript(folder, session.transcript_file);
        expect(read?.session_id).toBe(session.transcript_session_id);
        expect(read?.turns.length).toBe(session.turns.length);
        session.turns.forEach((turn, i) => {
          const got = read!.turns[i]!;
          expect(got.prompt).toBe(turn.prompt);
          expect(got.started_at).toBe(Date.parse(turn.started_at));
          expect(got.final_answer).toBe(turn.final_answer);
          if (turn.model) expect(got.model).toBe(turn.model);
          expect(got.tokens).toMatchObject(expectedTokens(turn.tokens));
          // every item in order: kinds, message texts and phases, tool call ids
          expect(got.items.map((item) => item.kind)).toEqual(turn.items.map((item) => item.kind));
          got.items.forEach((item, j) => {
            const want = turn.items[j]!;
            if (item.kind === "tool_call") expect(item.call_id).toBe(want.call_id);
            else expect(item.text).toBe(want.text);
            if (item.kind === "assistant_message" && want.phase) expect(item.phase).toBe(want.phase);
          });
          const calls = got.items.filter((item): item is TranscriptToolCall => item.kind === "tool_call");
          expect(
            calls.map((call) => ({ ...call, file_change: undefined, kind: undefined, at: undefined })),
          ).toEqual(
            turn.tool_calls.map((call) => ({
              call_id: call.call_id,
              name: call.name,
              arguments: argumentsOf(call.arguments),
              output: call.output,
              success: call.success,
              exit_code: call.exit_code ?? null,
              file_change: undefined,
              kind: undefined,
              at: undefined,
            })),
          );
          calls.forEach((call, j) => checkFileChange(call, turn.tool_calls[j]!));
        });
      }
    });
  }
});

/** Edit: the patch's removed lines are in `before`, added ones in `after`; Write: the created file. */
function checkFileChange(call: TranscriptToolCall, expected: ExpectedToolCall): void {
  const result = expected.tool_use_result;
  if (result?.originalFile !== undefined && result.structuredPatch) {
    for (const line of result.structuredPatch.flatMap((hunk) => hunk.lines)) {
      if (line.startsWith("-")) expect(call.file_change?.before).toContain(line.slice(1));
      if (line.startsWith("+")) expect(call.file_change?.after).toContain(line.slice(1));
    }
  } else if (result?.type === "create") {
    expect(call.file_change).toMatchObject({ before: null, after: result.content });
  } else {
    expect(call.file_change).toBeNull();
  }
}

describe("transcript readers and damaged input", () => {
  it("skip torn, empty, non-object and foreign lines without throwing", () => {
    const hostile = [
      "",
      "{",
      "[1,2]",
      "null",
      '"text"',
      '{"type":5,"payload":[]}',
      "\u0000\ud800",
      '{"payload":{"type":"task_started"}}',
    ];
    for (const source of TRANSCRIPT_SOURCES) {
      expect(() => source.read(hostile)).not.toThrow();
      expect(source.read(hostile)?.turns ?? []).toEqual([]);
    }
  });

  it("a file read as it grows only ever adds: every prefix of whole lines gives the turns so far, unchanged", () => {
    for (const folder of folders) {
      const expected = JSON.parse(
        fs.readFileSync(path.join(folder, "expected-transcript.json"), "utf8"),
      ) as ExpectedTranscript;
      for (const { transcript_file: file } of expected.sessions) {
        const source = transcriptSourceOf(path.relative("transcript", file).split(path.sep).join("/"))!;
        const lines = fs.readFileSync(path.join(folder, file), "utf8").split("\n");
        const whole = source.read(lines)!;
        for (let n = 1; n <= lines.length; n++) {
          const turns = source.read(lines.slice(0, n))?.turns ?? [];
          turns.forEach((turn, i) => {
            expect(turn.prompt).toBe(whole.turns[i]!.prompt);
            expect(turn.join_key).toBe(whole.turns[i]!.join_key);
            const kinds = whole.turns[i]!.items.map((item) => item.kind);
            expect(kinds.slice(0, turn.items.length)).toEqual(turn.items.map((item) => item.kind));
          });
        }
      }
    }
  });
});
