// Reads archived requests back (for catch-up indexing and `npm run reindex`): a segment is one plain JSONL
// file or one zstd frame of it. A segment is at most a few MiB plus one request, so it is read whole.
import fs from "node:fs";
import { decompress } from "@mongodb-js/zstd";
import { plainPath, zstdPath } from "./layout";

export async function readSegment(root: string, name: string): Promise<Buffer> {
  const zst = zstdPath(root, name);
  if (fs.existsSync(zst)) return decompress(await fs.promises.readFile(zst));
  try {
    return await fs.promises.readFile(plainPath(root, name));
  } catch (error) {
    // Compressed between our exists check and the read: read the frame instead.
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && fs.existsSync(zst)) {
      return decompress(await fs.promises.readFile(zst));
    }
    throw error;
  }
}

/** Complete lines of a segment from line `from` (0-based), as strings. */
export function* segmentLines(data: Buffer, from = 0): Generator<{ line: number; text: string }> {
  let line = 0;
  let start = 0;
  for (let end = data.indexOf(0x0a); end !== -1; end = data.indexOf(0x0a, start)) {
    if (line >= from) yield { line, text: data.toString("utf8", start, end) };
    line++;
    start = end + 1;
  }
}
