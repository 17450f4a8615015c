// Every capture there is (the four CLIs in otlp, the other agents in otlp-more, the transcript runs with their
// transcripts imported after their telemetry) replayed through the real endpoints: into one server, or
// request by request across replicas as a load balancer without affinity would send them.
import path from "node:path";
import { FIXTURES_DIR, FIXTURES_MORE_DIR, TRANSCRIPT_FIXTURES_DIR } from "./fixtures-dir";
import { listGroundTruthFolders } from "./ground-truth";
import { listCaptureFolders, readCapture, replayCapture } from "./replay";
import type { TestServer } from "./server";

interface Capture {
  folder: string;
  /** The HOME-like root of its transcripts, for transcript runs. */
  home: string | null;
}

export const ALL_CAPTURES: Capture[] = [
  ...listCaptureFolders(FIXTURES_DIR).map((folder) => ({ folder, home: null })),
  ...listGroundTruthFolders(FIXTURES_MORE_DIR).map((folder) => ({ folder, home: null })),
  ...listCaptureFolders(TRANSCRIPT_FIXTURES_DIR).map((folder) => ({
    folder,
    home: path.join(folder, "transcript"),
  })),
];

/** A few captures at once, each in its own order, as several agents would send (their sessions are distinct). */
const LANES = 4;

async function eachCapture(work: (capture: Capture, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let index = next++; index < ALL_CAPTURES.length; index = next++)
      await work(ALL_CAPTURES[index]!, index);
  };
  await Promise.all(Array.from({ length: LANES }, lane));
}

export async function replayAllCaptures(server: TestServer): Promise<void> {
  await eachCapture(async ({ folder, home }) => {
    await replayCapture(folder, server);
    if (home) await importTranscripts(server, home);
  });
}

/** Each request of a capture to the next replica in turn; its transcripts to one of them. */
export async function replayAllAlternately(replicas: TestServer[]): Promise<void> {
  await eachCapture(async ({ folder, home }, index) => {
    for (const [i, item] of readCapture(folder).entries())
      await replayCapture(folder, replicas[(index + i) % replicas.length]!, [item]);
    if (home) await importTranscripts(replicas[index % replicas.length]!, home);
  });
}

async function importTranscripts(server: TestServer, home: string): Promise<void> {
  const response = await fetch(`${server.ui}/api/transcripts/import`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ home }),
  });
  if (!response.ok) throw new Error(`import of ${home}: HTTP ${response.status} ${await response.text()}`);
}
