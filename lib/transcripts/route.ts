// POST /api/transcripts/import {"home": "/abs/path"}: one pass over a HOME-like root's transcripts through
// the running server (what `npm run import` calls when a server is up). Only files at the clients'
// transcript locations under that root are read (lib/adapters/transcript-sources.ts).
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseInput, readJson, respond } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { getRuntime } from "@/lib/runtime";

const ImportRequest = z.object({
  home: z
    .string()
    .min(1)
    .max(4096)
    .refine((home) => path.isAbsolute(home), "must be an absolute path"),
});

export function importTranscriptsHandler(request: Request): Promise<Response> {
  return respond(async () => {
    const { home } = parseInput(ImportRequest, await readJson(request));
    if (!fs.existsSync(home) || !fs.statSync(home).isDirectory())
      throw new AppError("bad-request", `home: ${home} is not a directory`);
    const runtime = getRuntime();
    if (!runtime) throw new AppError("unavailable", "the ingest pipeline is not running in this process");
    return runtime.importTranscripts(path.resolve(home));
  });
}
