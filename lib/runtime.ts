// What the running server exposes to route handlers (which Next loads as separate module copies): live
// counters of the ingest pipeline. Set once by server.ts; absent when the API runs without the server.
export interface IngestStatus {
  /** Records acknowledged but not yet in the index. */
  indexBacklog: number;
  /** Sessions waiting to be rebuilt (read from the index: on PostgreSQL, every replica's). */
  sessionsPending: () => Promise<number>;
  /** Bytes the archive takes on disk. */
  archiveBytes: number;
  /** Set when the archive or the index could not be written (disk full, permissions); cleared by the next good write. */
  storageError: string | null;
  /** Listener addresses, for the Connect page. */
  endpoints: { ui: string | null; otlpHttp: string | null; otlpGrpc: string | null };
  /** Roots whose transcripts are read as they grow (TRACEMARK_TRANSCRIPT_HOMES); empty when off. */
  transcriptHomes: readonly string[];
}

/** What one pass over transcript roots took in. */
export interface TranscriptImport {
  files: number;
  lines: number;
  sessions: Record<string, number>;
}

export interface Runtime {
  status(): IngestStatus;
  /** Resolves when everything acknowledged so far is indexed and its sessions rebuilt. */
  whenIdle(): Promise<void>;
  /** Reads the transcripts under one HOME-like root once (`npm run import` through the running server). */
  importTranscripts(home: string): Promise<TranscriptImport>;
}

const globalForRuntime = globalThis as unknown as { __tracemarkRuntime?: Runtime };

export function setRuntime(runtime: Runtime): void {
  globalForRuntime.__tracemarkRuntime = runtime;
}

export function getRuntime(): Runtime | undefined {
  return globalForRuntime.__tracemarkRuntime;
}
