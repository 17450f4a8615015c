// The real captures every browser spec can rely on (seeded once by serve.ts), and their session ids.
import fs from "node:fs";
import path from "node:path";

export const SEEDED_CAPTURES = ["codex/multi_turn/http-json", "claude-code/bash/http-json", "gemini-cli/two-prompts/http"] as const;
export type SeededCapture = (typeof SEEDED_CAPTURES)[number];

/** ../shared/fixtures/otlp next to the repository (as e2e/support/server.ts FIXTURES; both loaders that
 * read this file, Playwright's and tsx's, load it as CommonJS, so __dirname is defined). */
export const FIXTURE_ROOT = path.resolve(__dirname, "..", "..", "..", "shared", "fixtures", "otlp");

/** The session id a capture's expected.json names (each of ours has exactly one). */
export function sessionIdOf(capture: SeededCapture): string {
  const expected = JSON.parse(fs.readFileSync(path.join(FIXTURE_ROOT, capture, "expected.json"), "utf8")) as { sessions: { id: string }[] };
  return expected.sessions[0]!.id;
}
