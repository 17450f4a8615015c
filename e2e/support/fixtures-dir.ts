// Where the real captures are: ../shared/fixtures/otlp next to the repository (read-only, never copied in),
// or TRACEMARK_FIXTURES_DIR; and the one walk that finds their capture folders. Relative to the working
// directory, which is the repository root for every test runner here (and free of import.meta, which
// Playwright's CommonJS loader rejects).
import fs from "node:fs";
import path from "node:path";

export const FIXTURES_DIR = path.resolve(
  process.env.TRACEMARK_FIXTURES_DIR ?? path.join("..", "shared", "fixtures", "otlp"),
);

/** The Qwen Code / opencode / Continue captures beside it (or TRACEMARK_FIXTURES_MORE_DIR). */
export const FIXTURES_MORE_DIR = path.resolve(
  process.env.TRACEMARK_FIXTURES_MORE_DIR ?? path.join(FIXTURES_DIR, "..", "otlp-more"),
);

/** The transcript + OTLP captures (../shared/fixtures/transcripts), or TRACEMARK_TRANSCRIPT_FIXTURES_DIR. */
export const TRANSCRIPT_FIXTURES_DIR = path.resolve(
  process.env.TRACEMARK_TRANSCRIPT_FIXTURES_DIR ?? path.join("..", "shared", "fixtures", "transcripts"),
);

/** Every capture folder under `root` (one with an expected.json), as absolute paths, sorted. Walked, never
 * listed, so new captures are picked up; a missing root has none. */
export function listCaptureFolders(root = FIXTURES_DIR): string[] {
  const found: string[] = [];
  const visit = (dir: string): void => {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    if (entries.some((entry) => entry.name === "expected.json")) found.push(dir);
    for (const entry of entries) if (entry.isDirectory()) visit(path.join(dir, entry.name));
  };
  if (fs.existsSync(root)) visit(root);
  return found.sort();
}
