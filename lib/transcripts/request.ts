// Transcript lines → one OTLP/JSON ExportLogsServiceRequest (the form every request is archived in): a
// resource per file, a log record per line whose body is the line as read, keyed to its session by
// `session.id`. Pure; the watcher and `npm run import` hand the result to the OTLP receiver.
import {
  TRANSCRIPT_CLIENT_ATTR,
  TRANSCRIPT_END_ATTR,
  TRANSCRIPT_FILE_ATTR,
  TRANSCRIPT_OFFSET_ATTR,
  TRANSCRIPT_SERVICE,
} from "@/lib/adapters/transcript";

export interface TranscriptLine {
  /** Byte offset of the line in its file. */
  offset: number;
  /** Byte offset just after its newline. */
  end: number;
  text: string;
}

export interface TranscriptChunk {
  client: string;
  /** The file's path under its root, `/`-separated (e.g. `.codex/sessions/2026/12/01/rollout-….jsonl`). */
  file: string;
  sessionId: string;
  lines: TranscriptLine[];
  /** When the lines were read (epoch ms): the records' observed time. */
  readAt: number;
}

const stringAttr = (key: string, value: string) => ({ key, value: { stringValue: value } });
const intAttr = (key: string, value: number) => ({ key, value: { intValue: String(value) } });

/** The line's own `timestamp` field in nanoseconds, or "0" (the observed time then stands for it). */
function lineTimeNs(text: string): string {
  const match = /"timestamp"\s*:\s*"([^"]{10,40})"/.exec(text.slice(0, 4096));
  const ms = match?.[1] ? Date.parse(match[1]) : NaN;
  return Number.isFinite(ms) ? `${BigInt(Math.round(ms)) * 1_000_000n}` : "0";
}

export function transcriptRequest(chunk: TranscriptChunk): object {
  const observed = `${BigInt(Math.round(chunk.readAt)) * 1_000_000n}`;
  return {
    resourceLogs: [
      {
        resource: {
          attributes: [
            stringAttr("service.name", TRANSCRIPT_SERVICE),
            stringAttr(TRANSCRIPT_CLIENT_ATTR, chunk.client),
            stringAttr(TRANSCRIPT_FILE_ATTR, chunk.file),
          ],
        },
        scopeLogs: [
          {
            scope: { name: TRANSCRIPT_SERVICE },
            logRecords: chunk.lines.map((line) => ({
              timeUnixNano: lineTimeNs(line.text),
              observedTimeUnixNano: observed,
              body: { stringValue: line.text },
              attributes: [
                stringAttr("session.id", chunk.sessionId),
                intAttr(TRANSCRIPT_OFFSET_ATTR, line.offset),
                intAttr(TRANSCRIPT_END_ATTR, line.end),
              ],
            })),
          },
        ],
      },
    ],
  };
}
