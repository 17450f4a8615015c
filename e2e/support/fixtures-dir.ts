// Where the real captures are: ../shared/fixtures/otlp next to the repository (read-only, never copied in),
// or TRACEMARK_FIXTURES_DIR. Relative to the working directory, which is the repository root for every test
// runner here (and free of import.meta, which Playwright's CommonJS loader rejects).
import path from "node:path";

export const FIXTURES_DIR = path.resolve(process.env.TRACEMARK_FIXTURES_DIR ?? path.join("..", "shared", "fixtures", "otlp"));

/** The transcript + OTLP captures (../shared/fixtures/transcripts), or TRACEMARK_TRANSCRIPT_FIXTURES_DIR. */
export const TRANSCRIPT_FIXTURES_DIR = path.resolve(
  process.env.TRACEMARK_TRANSCRIPT_FIXTURES_DIR ?? path.join("..", "shared", "fixtures", "transcripts"),
);
