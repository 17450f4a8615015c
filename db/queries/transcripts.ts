// Where a transcript file has been read to, from the transcript records in the index: their resource names
// the client and file, each record the byte offset after its line. Looked up through the session's records
// (indexed by session key). The attribute names are the caller's (lib/adapters/transcript.ts).
import type { Db } from "../client";

export interface TranscriptOffsetQuery {
  service: string;
  attrs: { client: string; file: string; end: string };
  sessionId: string;
  client: string;
  file: string;
}

const jsonPath = (name: string): string => `$."${name.replace(/"/g, "")}"`;

/** The byte offset just after the file's last line in the index (0 when none is). */
export function getTranscriptOffsetByFile({ db, query }: { db: Db; query: TranscriptOffsetQuery }): number {
  const row = db.$client
    .prepare(
      `SELECT max(CAST(l.attributes ->> @end AS INTEGER)) AS next
       FROM log_records l JOIN resources r ON r.id = l.resource_id
       WHERE l.session_key = @sessionId AND r.service_name = @service
         AND r.attributes ->> @clientPath = @client AND r.attributes ->> @filePath = @file`,
    )
    .get({
      end: jsonPath(query.attrs.end),
      clientPath: jsonPath(query.attrs.client),
      filePath: jsonPath(query.attrs.file),
      sessionId: query.sessionId,
      service: query.service,
      client: query.client,
      file: query.file,
    }) as { next: number | null } | undefined;
  return row?.next ?? 0;
}
