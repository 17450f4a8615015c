// Turns a closed plain segment into one zstd frame, crash-safely: write tmp, fsync, rename, then unlink plain.
// One frame per segment (~8 MiB) keeps the ratio within a few percent of `zstd -3` over the whole file.
import fs from "node:fs";
import path from "node:path";
import { compress } from "@mongodb-js/zstd";
import { plainPath, zstdPath } from "./layout";

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export async function compressSegment(root: string, name: string): Promise<void> {
  const plain = plainPath(root, name);
  const target = zstdPath(root, name);
  const tmp = target + ".tmp";
  const data = await fs.promises.readFile(plain);
  const frame = await compress(data); // @mongodb-js/zstd 1.2.2 always uses level 3 (= `zstd -3`)
  const handle = await fs.promises.open(tmp, "w");
  try {
    await handle.writeFile(frame);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(tmp, target);
  fsyncDir(path.dirname(target));
  await fs.promises.unlink(plain);
}
