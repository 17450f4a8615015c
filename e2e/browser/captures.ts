// The real captures every browser spec can rely on (seeded once by serve.ts), and their session ids.
import fs from "node:fs";
import path from "node:path";
import { FIXTURES_DIR } from "../support/fixtures-dir";

export const SEEDED_CAPTURES = [
  "codex/multi_turn/http-json",
  "claude-code/bash/http-json",
  "gemini-cli/two-prompts/http",
] as const;
export type SeededCapture = (typeof SEEDED_CAPTURES)[number];

export const FIXTURE_ROOT = FIXTURES_DIR;

/** The session id a capture's expected.json names (each of ours has exactly one). */
export function sessionIdOf(capture: SeededCapture): string {
  const expected = JSON.parse(fs.readFileSync(path.join(FIXTURE_ROOT, capture, "expected.json"), "utf8")) as {
    sessions: { id: string }[];
  };
  return expected.sessions[0]!.id;
}
