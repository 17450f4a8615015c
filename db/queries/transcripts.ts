// Where a transcript file has been read to, from the transcript records in the index: their resource names
// the client and file, each record the byte offset after its line. Looked up through the session's records
// (indexed by session key). The attribute names are the caller's (lib/adapters/transcript.ts).
import { fragmentsOf } from "../dialect";
import type { Store } from "../store";

export interface TranscriptOffsetQuery {
  service: string;
  attrs: { client: string; file: string; end: string };
  sessionId: string;
  client: string;
  file: string;
}

/** The byte offset just after the file's last line in the index (0 when none is). */
export async function getTranscriptOffsetByFile({
  store,
  query,
}: {
  store: Store;
  query: TranscriptOffsetQuery;
}): Promise<number> {
  const sql = fragmentsOf(store.dialect);
  const row = await store.get<{ next: number | null }>(
    `SELECT max(CAST(${sql.jsonField("l.attributes", "@end")} AS BIGINT)) AS next
     FROM log_records l JOIN resources r ON r.id = l.resource_id
     WHERE l.session_key = @sessionId AND r.service_name = @service
       AND ${sql.jsonField("r.attributes", "@clientPath")} = @client AND ${sql.jsonField("r.attributes", "@filePath")} = @file`,
    {
      end: sql.jsonFieldKey(query.attrs.end),
      clientPath: sql.jsonFieldKey(query.attrs.client),
      filePath: sql.jsonFieldKey(query.attrs.file),
      sessionId: query.sessionId,
      service: query.service,
      client: query.client,
      file: query.file,
    },
  );
  return row?.next ?? 0;
}
