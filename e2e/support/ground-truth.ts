// The otlp-more fixtures' ground truth (../shared/fixtures/otlp-more/README.md): what the mock model saw, per
// turn, and how a served session is compared with it.
import fs from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { FIXTURES_DIR, FIXTURES_MORE_DIR, listCaptureFolders, TRANSCRIPT_FIXTURES_DIR } from "./fixtures-dir";

export { FIXTURES_MORE_DIR };

export interface GroundTruthTurn {
  index: number;
  prompt: string;
  model_calls: number;
  main_calls: number;
  helper_calls: number;
  failed_calls: number;
  tool_calls: { name: string; call_id: string; arguments: string; output: string }[];
  helper_tool_calls: { name: string; call_id: string; arguments: string; output: string }[];
  final_answer: string | null;
  tokens_main: { input: number; output: number };
  tokens_all: { input: number; output: number };
}

export interface GroundTruth {
  client: string;
  session_id: string | null;
  turns: number;
  turn_detail: GroundTruthTurn[];
}

/** Every folder with a ground-truth.json, relative to the root, sorted. */
export function listGroundTruthFolders(root = FIXTURES_MORE_DIR): string[] {
  const found: string[] = [];
  const visit = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    if (entries.some((entry) => entry.name === "ground-truth.json")) found.push(dir);
    for (const entry of entries) if (entry.isDirectory()) visit(path.join(dir, entry.name));
  };
  visit(root);
  return found.sort();
}

export const readGroundTruth = (folder: string): GroundTruth =>
  JSON.parse(fs.readFileSync(path.join(folder, "ground-truth.json"), "utf8")) as GroundTruth;

export interface ServedTurn {
  prompt: string | null;
  response: string | null;
  model: string | null;
  tool_calls: {
    name: string;
    call_id: string | null;
    arguments: string | null;
    output: string | null;
    helper: string | null;
  }[];
  api_calls: { success: boolean; helper: string | null }[];
  api_errors: number;
  input_tokens: number;
  output_tokens: number;
  helper_input_tokens: number;
  helper_output_tokens: number;
}

const parsed = (text: string | null): unknown => (text === null ? null : (JSON.parse(text) as unknown));

/**
 * One served turn against its ground truth. The prompt may carry the quotes `opencode run` adds around an
 * argument with spaces (its run.ts quotes such arguments, and the mock's answer echoes them: that is what the
 * model was sent); arguments are compared as JSON (Qwen logs them pretty-printed).
 */
export function expectTurnMatches(turn: ServedTurn, truth: GroundTruthTurn, where: string): void {
  expect([truth.prompt, `"${truth.prompt}"`], `${where} prompt`).toContain(turn.prompt);
  expect(turn.response, `${where} answer`).toBe(truth.final_answer);
  const calls = (list: GroundTruthTurn["tool_calls"], helper: boolean) =>
    list.map((call) => ({
      name: call.name,
      call_id: call.call_id,
      arguments: parsed(call.arguments),
      output: call.output,
      helper,
    }));
  expect(
    turn.tool_calls.map((call) => ({
      name: call.name,
      call_id: call.call_id,
      arguments: parsed(call.arguments),
      output: call.output,
      helper: call.helper !== null,
    })),
    `${where} tool calls`,
  ).toEqual([...calls(truth.tool_calls, false), ...calls(truth.helper_tool_calls, true)]);
  expect({ input: turn.input_tokens, output: turn.output_tokens }, `${where} tokens with helpers`).toEqual(
    truth.tokens_all,
  );
  expect(
    {
      input: turn.input_tokens - turn.helper_input_tokens,
      output: turn.output_tokens - turn.helper_output_tokens,
    },
    `${where} tokens main`,
  ).toEqual(truth.tokens_main);
  // Every model call the mock answered is one API call (failed attempts included), helpers marked.
  expect(turn.api_calls.length, `${where} model calls`).toBe(truth.model_calls);
  expect(turn.api_calls.filter((call) => call.helper !== null).length, `${where} helper calls`).toBe(
    truth.helper_calls,
  );
  expect(turn.api_errors, `${where} failed calls`).toBe(truth.failed_calls);
}

/** Every capture of otlp, otlp-more and transcripts, named for test titles ("otlp/claude-code/bash/grpc"). */
export function listEveryCaptureFolder(): { dir: string; name: string }[] {
  const named = (root: string, dirs: string[]) =>
    dirs.map((dir) => ({ dir, name: path.relative(path.dirname(root), dir) }));
  return [
    ...named(FIXTURES_DIR, listCaptureFolders(FIXTURES_DIR)),
    ...named(FIXTURES_MORE_DIR, listGroundTruthFolders()),
    ...named(TRANSCRIPT_FIXTURES_DIR, listCaptureFolders(TRANSCRIPT_FIXTURES_DIR)),
  ];
}
