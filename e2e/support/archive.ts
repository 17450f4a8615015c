// Reads a data dir's archive back the way a person would with `zstdcat | jq`: every line of every segment,
// per signal, in append order.
import fs from "node:fs";
import path from "node:path";
import { decompress } from "@mongodb-js/zstd";

export interface ArchivedLine {
  signal: string;
  transport: string;
  encoding: string;
  request: unknown;
}

export async function readArchive(dataDir: string, signal: string): Promise<ArchivedLine[]> {
  const root = path.join(dataDir, "archive", signal);
  if (!fs.existsSync(root)) return [];
  const files: string[] = [];
  for (const day of fs.readdirSync(root).sort()) {
    for (const file of fs.readdirSync(path.join(root, day)).sort()) {
      if (/^\d+\.jsonl(\.zst)?$/.test(file)) files.push(path.join(root, day, file));
    }
  }
  const lines: ArchivedLine[] = [];
  for (const file of files) {
    const raw = fs.readFileSync(file);
    const text = (file.endsWith(".zst") ? await decompress(raw) : raw).toString("utf8");
    for (const line of text.split("\n")) if (line) lines.push(JSON.parse(line) as ArchivedLine);
  }
  return lines;
}
