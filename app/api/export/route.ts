// GET /api/export?label=&format=&client=&model=&since=&until=&session=&reason=&has_note=&original=&redact=
// [&bundle=zip]: a streamed JSONL download (docs/export-format.md), or with bundle=zip a zip of the JSONL,
// its dataset card and its manifest. The CLI reports redaction counts; the plain stream carries only lines.
import { respond, store } from "@/lib/api/route";
import { zipDataset } from "@/lib/export/bundle";
import { exportDataset } from "@/lib/export/export";
import { toExportOptions } from "@/lib/export/options";
import { AppError } from "@/lib/errors";
import { viewerOf } from "@/lib/users/current";
import { parseExportRequest } from "./schema";

export const dynamic = "force-dynamic";

/** Lines per pull: big enough to amortize stream overhead, small enough to keep memory flat. */
const LINES_PER_CHUNK = 500;

function lineStream(lines: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = "";
      for (let i = 0; i < LINES_PER_CHUNK; i++) {
        const next = await lines.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
}

export function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const url = new URL(request.url);
    const bundle = url.searchParams.get("bundle");
    url.searchParams.delete("bundle");
    if (bundle !== null && bundle !== "zip")
      throw new AppError("bad-request", "bundle: only `zip` is supported");
    const query = await parseExportRequest(url, viewerOf(request), store());
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
    const name = `tracemark-${query.format}-${query.label}-${stamp}`;
    const headers = { "Cache-Control": "no-store" };
    if (bundle === "zip") {
      return new Response(zipDataset(store(), query, name), {
        headers: {
          ...headers,
          "Content-Type": "application/zip",
          "Content-Disposition": `attachment; filename="${name}.zip"`,
        },
      });
    }
    const { lines } = exportDataset(store(), toExportOptions(query));
    return new Response(lineStream(lines), {
      headers: {
        ...headers,
        "Content-Type": "application/x-ndjson; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}.jsonl"`,
      },
    });
  });
}
