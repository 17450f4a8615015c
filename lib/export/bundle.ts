// An export written as a dataset: `<name>.jsonl` with `<name>.card.md` and `<name>.manifest.json` beside it —
// as files (the CLI's --out) or as one zip (the Export page's download; fflate streams it, deflating as the
// lines arrive, and adds the card and manifest once the JSONL's hash and counts are known).
import fs from "node:fs";
import path from "node:path";
import { once } from "node:events";
import { Zip, ZipDeflate, strToU8 } from "fflate";
import type { Store } from "@/db/store";
import { buildCard } from "./card";
import { exportDataset } from "./export";
import { buildManifest, type ExportManifest } from "./manifest";
import { toExportOptions, type ExportQueryOutput } from "./options";

export interface DatasetFiles {
  data: string;
  card: string;
  manifest: string;
}

/** `<name>` of an output path: its file name without `.jsonl`. */
export function datasetName(file: string): string {
  return path.basename(file).replace(/\.jsonl$/i, "");
}

function sideFiles(manifest: ExportManifest): { card: string; manifest: string } {
  return { card: buildCard(manifest), manifest: JSON.stringify(manifest, null, 2) + "\n" };
}

/** Writes the JSONL to `out` and the card and manifest next to it; resolves with the manifest. */
export async function writeDatasetFiles(
  store: Store,
  query: ExportQueryOutput,
  out: string,
): Promise<{ manifest: ExportManifest; files: DatasetFiles }> {
  const name = datasetName(out);
  const dir = path.dirname(out);
  const { lines, report } = exportDataset(store, toExportOptions(query));
  const stream = fs.createWriteStream(out);
  for await (const line of lines) {
    if (!stream.write(line)) await once(stream, "drain");
  }
  stream.end();
  await once(stream, "finish");
  const manifest = buildManifest({ name, query, report, createdAt: new Date() });
  manifest.files.data = path.basename(out); // as given, even without the .jsonl extension
  const side = sideFiles(manifest);
  const files = {
    data: out,
    card: path.join(dir, `${name}.card.md`),
    manifest: path.join(dir, `${name}.manifest.json`),
  };
  fs.writeFileSync(files.card, side.card);
  fs.writeFileSync(files.manifest, side.manifest);
  return { manifest, files };
}

/** Lines per pull: big enough to amortize stream overhead, small enough to keep memory flat. */
const LINES_PER_CHUNK = 500;

/** A zip of `<name>.jsonl`, `<name>.card.md` and `<name>.manifest.json`, produced as it is read. */
export function zipDataset(store: Store, query: ExportQueryOutput, name: string): ReadableStream<Uint8Array> {
  const { lines, report } = exportDataset(store, toExportOptions(query));
  let out: ReadableStreamDefaultController<Uint8Array>;
  const zip = new Zip((error, chunk, final) => {
    if (error) out.error(error);
    else {
      out.enqueue(chunk);
      if (final) out.close();
    }
  });
  const data = new ZipDeflate(`${name}.jsonl`, { level: 6 });
  zip.add(data);
  const addText = (file: string, text: string): void => {
    const entry = new ZipDeflate(file, { level: 6 });
    zip.add(entry);
    entry.push(strToU8(text), true);
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      out = controller;
    },
    async pull() {
      let chunk = "";
      for (let i = 0; i < LINES_PER_CHUNK; i++) {
        const next = await lines.next();
        if (next.done) {
          data.push(strToU8(chunk), true);
          const side = sideFiles(buildManifest({ name, query, report, createdAt: new Date() }));
          addText(`${name}.card.md`, side.card);
          addText(`${name}.manifest.json`, side.manifest);
          zip.end();
          return;
        }
        chunk += next.value;
      }
      data.push(strToU8(chunk));
    },
    async cancel() {
      await lines.return(undefined);
      zip.terminate();
    },
  });
}
