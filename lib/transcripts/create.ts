// The transcript watcher over this index: file offsets come from the transcript records already indexed.
import type { Db } from "@/db/client";
import { getTranscriptOffsetByFile } from "@/db/queries/transcripts";
import {
  TRANSCRIPT_CLIENT_ATTR,
  TRANSCRIPT_END_ATTR,
  TRANSCRIPT_FILE_ATTR,
  TRANSCRIPT_SERVICE,
} from "@/lib/adapters/transcript";
import { TranscriptWatcher, type SubmitTranscript } from "./watcher";

export function createTranscriptWatcher(options: {
  db: Db;
  roots: readonly string[];
  submit: SubmitTranscript;
}): TranscriptWatcher {
  const attrs = { client: TRANSCRIPT_CLIENT_ATTR, file: TRANSCRIPT_FILE_ATTR, end: TRANSCRIPT_END_ATTR };
  return new TranscriptWatcher(options.roots, options.submit, (file, sessionId) =>
    getTranscriptOffsetByFile({
      db: options.db,
      query: {
        service: TRANSCRIPT_SERVICE,
        attrs,
        sessionId,
        client: file.source.client,
        file: file.relative,
      },
    }),
  );
}
