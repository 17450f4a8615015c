// The transcript watcher over this index: file offsets come from the transcript records already indexed.
import { getTranscriptOffsetByFile } from "@/db/queries/transcripts";
import type { Store } from "@/db/store";
import {
  TRANSCRIPT_CLIENT_ATTR,
  TRANSCRIPT_END_ATTR,
  TRANSCRIPT_FILE_ATTR,
  TRANSCRIPT_SERVICE,
} from "@/lib/adapters/transcript";
import { TranscriptWatcher, type SubmitTranscript } from "./watcher";

export function createTranscriptWatcher(options: {
  store: Store;
  roots: readonly string[];
  submit: SubmitTranscript;
}): TranscriptWatcher {
  const attrs = { client: TRANSCRIPT_CLIENT_ATTR, file: TRANSCRIPT_FILE_ATTR, end: TRANSCRIPT_END_ATTR };
  return new TranscriptWatcher(options.roots, options.submit, (file, sessionId) =>
    getTranscriptOffsetByFile({
      store: options.store,
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
