// A session's transcript lines among its records (lib/adapters/transcript.ts says how they travel): set
// apart from the telemetry, de-duplicated by file and offset (a file read twice, or by two imports, carries
// the same lines again), put back in file order and read by their client's reader.
import type { TelemetryRecord } from "@/db/telemetry";
import { str, toNumber } from "./common";
import {
  transcriptClientOf,
  TRANSCRIPT_FILE_ATTR,
  TRANSCRIPT_OFFSET_ATTR,
  TRANSCRIPT_SERVICE,
  type TranscriptSession,
} from "./transcript";
import { TRANSCRIPT_SOURCES } from "./transcript-sources";

export function isTranscriptRecord(record: TelemetryRecord): boolean {
  return record.signal === "logs" && str(record.resource, "service.name") === TRANSCRIPT_SERVICE;
}

interface Line {
  offset: number;
  text: string;
}

/**
 * The session as its transcript files tell it (null when none of its records is a transcript line). Several
 * files of one session (rare) are read one after the other, in path order.
 */
export function readSessionTranscript(
  records: readonly TelemetryRecord[],
): { client: string; session: TranscriptSession } | null {
  const files = new Map<string, { client: string; lines: Map<number, Line> }>();
  for (const record of records) {
    const client = transcriptClientOf(record.resource);
    const file = str(record.resource, TRANSCRIPT_FILE_ATTR);
    const offset = toNumber(record.attrs[TRANSCRIPT_OFFSET_ATTR]);
    if (client === null || file === null || offset === null || typeof record.body !== "string") continue;
    const entry = files.get(`${client}\0${file}`) ?? { client, lines: new Map<number, Line>() };
    files.set(`${client}\0${file}`, entry);
    entry.lines.set(offset, { offset, text: record.body });
  }
  let result: { client: string; session: TranscriptSession } | null = null;
  for (const key of [...files.keys()].sort()) {
    const { client, lines } = files.get(key)!;
    const source = TRANSCRIPT_SOURCES.find((s) => s.client === client);
    const ordered = [...lines.values()].sort((a, b) => a.offset - b.offset).map((line) => line.text);
    const session = source?.read(ordered);
    if (!session) continue;
    if (result === null) result = { client, session };
    else result.session.turns.push(...session.turns);
  }
  return result;
}
