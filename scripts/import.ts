// `npm run import -- --home DIR [--home DIR…]`: reads the agents' transcripts under each HOME-like root once.
// Through the running server when one serves this data dir (POST /api/transcripts/import); otherwise
// directly into the data dir, like a server that only imports. Reading the same files again adds nothing.
import path from "node:path";
import { parseArgs } from "node:util";
import { closeDb, getDb } from "@/db/client";
import { sqliteStoreOf } from "@/db/store-sqlite";
import { indexInProcess, startPipeline } from "@/ingest/pipeline";
import { sessionKeyOf } from "@/lib/adapters";
import { expandHome, getConfig } from "@/lib/config";
import type { TranscriptImport } from "@/lib/runtime";
import { acquireServerLock, removeServerLock } from "@/lib/server-lock";
import { SessionBuilder } from "@/lib/sessions/builder";
import { createTranscriptWatcher } from "@/lib/transcripts/create";

const config = getConfig();

async function viaServer(home: string): Promise<TranscriptImport> {
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${config.port}/api/transcripts/import`;
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      ...(config.token ? { Authorization: `Bearer ${config.token}` } : {}),
    },
    body: JSON.stringify({ home }),
  });
  const body = (await response.json()) as TranscriptImport & { error?: string };
  if (!response.ok)
    throw new Error(`the server at ${url} answered ${response.status}: ${body.error ?? "no reason"}`);
  return body;
}

/** With the data dir's lock held (no server runs on it). */
async function direct(homes: string[]): Promise<TranscriptImport[]> {
  try {
    const db = getDb(config.dataDir);
    const builder = new SessionBuilder(sqliteStoreOf(db), 0);
    const pipeline = await startPipeline({
      dataDir: config.dataDir,
      bucket: config.archiveBucket,
      fsync: config.fsync,
      openIndex: indexInProcess(sqliteStoreOf(db), () => builder.wake(), sessionKeyOf),
    });
    const watcher = createTranscriptWatcher({
      store: sqliteStoreOf(db),
      roots: [],
      submit: async (request) => {
        await pipeline.receiver.receive({
          signal: "logs",
          encoding: "json",
          transport: "transcript",
          contentEncoding: null,
          userAgent: "tracemark-import",
          body: Buffer.from(JSON.stringify(request)),
        });
      },
    });
    const reports: TranscriptImport[] = [];
    for (const home of homes) reports.push(await watcher.importRoots([home]));
    await pipeline.indexer.whenIdle();
    await pipeline.shutdown();
    await builder.whenIdle();
    closeDb();
    return reports;
  } finally {
    removeServerLock(config.dataDir);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { home: { type: "string", multiple: true } } });
  const homes = (values.home ?? []).map((home) => expandHome(home));
  if (homes.length === 0) {
    console.error("usage: npm run import -- --home DIR [--home DIR…]   (DIR is a HOME-like root, e.g. ~)");
    process.exit(2);
  }
  const pid = acquireServerLock(config.dataDir); // null: ours now, no server runs on the dir
  const reports =
    pid !== null ? await Promise.all(homes.map((home) => viaServer(home))) : await direct(homes);
  homes.forEach((home, i) => {
    const report = reports[i]!;
    const sessions =
      Object.entries(report.sessions)
        .map(([client, n]) => `${n} ${client}`)
        .join(", ") || "none new";
    console.log(
      `tracemark: ${path.resolve(home)}: ${report.files} transcript files, ${report.lines} new lines (sessions: ${sessions})`,
    );
  });
}

main().catch((error: unknown) => {
  console.error(`tracemark: import failed: ${(error as Error).message}`);
  process.exit(1);
});
