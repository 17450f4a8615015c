// Takes the agents' local transcripts in as they are written (TRACEMARK_TRANSCRIPT_HOMES): each scan lists
// the transcript files under every root and hands the complete lines past each file's known offset to
// `submit` (the OTLP receiver, wired in server.ts). A file's offset starts from what the index already holds
// (`offsetOf`), so a restart or a second import reads nothing twice. Polling, not fs.watch: recursive watching is not
// available on Linux in Node 20, and a scan of a few hundred files every few seconds costs little.
import fs from "node:fs";
import type { TranscriptImport } from "@/lib/runtime";
import { listTranscriptFiles, readCompleteLines, sessionIdOfFile, type TranscriptFile } from "./files";
import { transcriptRequest, type TranscriptChunk } from "./request";

/** Lines per request at most ~4 MiB: well under the body limit, small enough for one index batch. */
const CHUNK_BYTES = 4 * 2 ** 20;

export type SubmitTranscript = (request: object, lines: number) => Promise<void>;
/** Where the index says a file was read to. */
export type TranscriptOffsetOf = (file: TranscriptFile, sessionId: string) => Promise<number>;

interface FileState {
  next: number;
  /** Null until the file's first lines name its session. */
  sessionId: string | null;
}

export class TranscriptWatcher {
  private readonly files = new Map<string, FileState>();
  private timer: NodeJS.Timeout | null = null;
  private scanning: Promise<TranscriptImport> | null = null;

  constructor(
    private readonly roots: readonly string[],
    private readonly submit: SubmitTranscript,
    private readonly offsetOf: TranscriptOffsetOf,
  ) {}

  start(intervalMs: number): void {
    const tick = (): void => {
      this.scan().then(
        () => (this.timer = setTimeout(tick, intervalMs)),
        (error: unknown) => {
          console.error("tracemark: reading transcripts failed:", error);
          this.timer = setTimeout(tick, intervalMs);
        },
      );
    };
    tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.scanning;
  }

  /** One pass over every root; concurrent callers share the pass in flight. */
  scan(): Promise<TranscriptImport> {
    this.scanning ??= this.scanRoots(this.roots).finally(() => (this.scanning = null));
    return this.scanning;
  }

  /** A one-shot pass over other roots (`npm run import`), with the same offsets. */
  async importRoots(roots: readonly string[]): Promise<TranscriptImport> {
    await this.scanning;
    return this.scanRoots(roots);
  }

  private async scanRoots(roots: readonly string[]): Promise<TranscriptImport> {
    const report: TranscriptImport = { files: 0, lines: 0, sessions: {} };
    for (const root of roots) {
      for (const file of listTranscriptFiles(root)) {
        const lines = await this.readFile(file);
        report.files++;
        report.lines += lines;
        if (lines > 0) report.sessions[file.source.client] = (report.sessions[file.source.client] ?? 0) + 1;
      }
    }
    return report;
  }

  /** Submits the file's new complete lines; returns how many. */
  private async readFile(file: TranscriptFile): Promise<number> {
    const key = `${file.source.client}\0${file.relative}`;
    const state = this.files.get(key) ?? { next: 0, sessionId: null };
    this.files.set(key, state);
    let size: number;
    try {
      size = fs.statSync(file.absolute).size;
    } catch {
      return 0; // removed between listing and reading
    }
    if (size < state.next) state.next = 0; // replaced by a shorter file: read it again
    if (size === state.next) return 0;
    if (state.sessionId === null) {
      state.sessionId = sessionIdOfFile(file);
      if (state.sessionId === null) return 0; // its first lines are not written yet
      state.next = await this.offsetOf(file, state.sessionId);
    }
    let total = 0;
    while (state.next < size) {
      const read = readCompleteLines(file.absolute, state.next, CHUNK_BYTES);
      if (read.next === state.next) break; // only a partial line so far
      if (read.lines.length > 0) {
        const chunk: TranscriptChunk = {
          client: file.source.client,
          file: file.relative,
          sessionId: state.sessionId,
          lines: read.lines,
          readAt: Date.now(),
        };
        await this.submit(transcriptRequest(chunk), read.lines.length);
      }
      state.next = read.next; // advanced only once the lines are acknowledged (archived)
      total += read.lines.length;
      size = read.size;
    }
    return total;
  }
}
