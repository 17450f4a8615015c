// The `--data-dir DIR` option shared by `npm run export`, `reindex` and `doctor`, and the refusal of a dir
// that holds nothing of tracemark's (so a typo never creates an empty index and reports success).
import fs from "node:fs";
import { indexPath } from "@/db/client";
import { archiveRoot } from "@/ingest/archive/layout";
import { resolveDataDir } from "@/lib/config";

/** Spread into `parseArgs` options. */
export const DATA_DIR_OPTION = { "data-dir": { type: "string" } } as const;

export const DATA_DIR_USAGE = "[--data-dir DIR] (default: TRACEMARK_DATA_DIR, else ./data)";

/** `--data-dir`, else TRACEMARK_DATA_DIR, else ./data, as an absolute path. */
export function dataDirFromArgs(values: { "data-dir"?: string }): string {
  return resolveDataDir(values["data-dir"]);
}

export const hasIndex = (dataDir: string): boolean => fs.existsSync(indexPath(dataDir));
export const hasArchive = (dataDir: string): boolean => fs.existsSync(archiveRoot(dataDir));

/** Ends the script (exit 2) with a message naming the dir when it has no index (nor, if allowed, an archive). */
export function refuseUnlessTracemarkDir(dataDir: string, needs: "index" | "index-or-archive"): void {
  if (hasIndex(dataDir) || (needs === "index-or-archive" && hasArchive(dataDir))) return;
  const what =
    needs === "index"
      ? "no index (index.sqlite)"
      : "neither an index (index.sqlite) nor an archive (archive/)";
  console.error(
    `tracemark: ${dataDir} holds ${what}: not a tracemark data dir. ` +
      "Pass --data-dir with the folder the server runs with (or set TRACEMARK_DATA_DIR).",
  );
  process.exit(2);
}
