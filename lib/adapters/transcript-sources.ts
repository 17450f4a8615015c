// Every client that writes local transcripts, with where and how (its adapter's `transcript`): the one list
// the watcher, `npm run import`, the Connect page and the tests ask.
import { CLIENT_ADAPTERS } from "./registry";
import type { TranscriptFormat } from "./transcript";

export interface TranscriptSource extends TranscriptFormat {
  /** The adapter's client id. */
  client: string;
}

export const TRANSCRIPT_SOURCES: readonly TranscriptSource[] = CLIENT_ADAPTERS.flatMap((adapter) =>
  adapter.transcript ? [{ client: adapter.id, ...adapter.transcript }] : [],
);

export function transcriptSourceOf(relativePath: string): TranscriptSource | null {
  return TRANSCRIPT_SOURCES.find((source) => source.path.test(relativePath)) ?? null;
}
