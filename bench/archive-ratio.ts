// How well the archive compresses: its sealed segments (one zstd frame each) against `zstd -3` over the same
// JSONL lines concatenated, and the on-disk bytes per record including the open (plain) tail segment.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { compress, decompress } from "@mongodb-js/zstd";
import { round } from "./stats";

export interface ArchiveRatio {
  diskBytes: number;
  sealedSegments: number;
  sealedBytes: number;
  sealedPlainBytes: number;
  tailPlainBytes: number;
  /** `zstd -3` of the sealed segments' lines, concatenated. */
  zstd3SealedBytes: number;
  /** sealedBytes / zstd3SealedBytes: the target compares this with 1.15. */
  ratioSealed: number | null;
  /** diskBytes / zstd -3 of every line (sealed + tail): what the open tail costs on a small archive. */
  ratioWithTail: number | null;
  method: string;
}

function segmentFiles(root: string): { sealed: string[]; plain: string[] } {
  const sealed: string[] = [];
  const plain: string[] = [];
  const visit = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith(".jsonl.zst")) sealed.push(full);
      else if (entry.name.endsWith(".jsonl")) plain.push(full);
    }
  };
  visit(root);
  return { sealed, plain };
}

const ZSTD_BINARY = "/usr/bin/zstd";

/** Compressed size of the concatenated chunks at level 3: the zstd binary (streaming) when present, else
 * @mongodb-js/zstd over the whole buffer (its `compress` always uses level 3, STACK.md). */
async function zstd3Size(chunks: AsyncIterable<Buffer>): Promise<{ bytes: number; method: string }> {
  if (!fs.existsSync(ZSTD_BINARY)) {
    const parts: Buffer[] = [];
    for await (const chunk of chunks) parts.push(chunk);
    return {
      bytes: (await compress(Buffer.concat(parts))).length,
      method: "@mongodb-js/zstd compress (level 3)",
    };
  }
  const child = spawn(ZSTD_BINARY, ["-3", "-c", "-q"], { stdio: ["pipe", "pipe", "inherit"] });
  let bytes = 0;
  child.stdout.on("data", (chunk: Buffer) => (bytes += chunk.length));
  const exited = new Promise<void>((resolve, reject) =>
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`zstd exited with ${code}`)))),
  );
  for await (const chunk of chunks) {
    if (!child.stdin.write(chunk)) await new Promise((resolve) => child.stdin.once("drain", resolve));
  }
  child.stdin.end();
  await exited;
  return { bytes, method: "zstd -3 (binary)" };
}

async function* linesOf(sealed: string[], plain: string[]): AsyncGenerator<Buffer> {
  for (const file of sealed) yield await decompress(await fs.promises.readFile(file));
  for (const file of plain) yield await fs.promises.readFile(file);
}

const size = (files: string[]): number => files.reduce((sum, file) => sum + fs.statSync(file).size, 0);

/** Measures a stopped server's archive (`<data>/archive`). */
export async function measureArchive(archiveRoot: string): Promise<ArchiveRatio> {
  const { sealed, plain } = segmentFiles(archiveRoot);
  let sealedPlainBytes = 0;
  const sealedLines = async function* (): AsyncGenerator<Buffer> {
    for await (const chunk of linesOf(sealed, [])) {
      sealedPlainBytes += chunk.length;
      yield chunk;
    }
  };
  const sealedZstd = sealed.length > 0 ? await zstd3Size(sealedLines()) : { bytes: 0, method: "" };
  const allZstd = await zstd3Size(linesOf(sealed, plain));
  const sealedBytes = size(sealed);
  const diskBytes = sealedBytes + size(plain);
  return {
    diskBytes,
    sealedSegments: sealed.length,
    sealedBytes,
    sealedPlainBytes,
    tailPlainBytes: size(plain),
    zstd3SealedBytes: sealedZstd.bytes,
    ratioSealed: sealedZstd.bytes > 0 ? round(sealedBytes / sealedZstd.bytes, 3) : null,
    ratioWithTail: allZstd.bytes > 0 ? round(diskBytes / allZstd.bytes, 3) : null,
    method: allZstd.method,
  };
}
