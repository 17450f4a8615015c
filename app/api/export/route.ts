// GET /api/export?label=&format=&client=&model=&since=&until=&session=&has_note=&redact=: a streamed JSONL
// download (docs/export-format.md). The CLI reports redaction counts; this stream carries only the lines.
import { db, parseInput, respond } from "@/lib/api/route";
import { exportDataset } from "@/lib/export/export";
import { toExportOptions } from "@/lib/export/options";
import { exportInputFromUrl, exportQuery } from "./schema";

export const dynamic = "force-dynamic";

/** Lines per pull: big enough to amortize stream overhead, small enough to keep memory flat. */
const LINES_PER_CHUNK = 500;

export function GET(request: Request): Promise<Response> {
  return respond(() => {
    const query = parseInput(exportQuery, exportInputFromUrl(new URL(request.url)));
    const { lines } = exportDataset(db(), toExportOptions(query));
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        let chunk = "";
        for (let i = 0; i < LINES_PER_CHUNK; i++) {
          const next = lines.next();
          if (next.done) {
            if (chunk) controller.enqueue(encoder.encode(chunk));
            controller.close();
            return;
          }
          chunk += next.value;
        }
        controller.enqueue(encoder.encode(chunk));
      },
      cancel() {
        lines.return(undefined);
      },
    });
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
    return new Response(stream, {
      headers: {
        "Content-Type": "application/x-ndjson; charset=utf-8",
        "Content-Disposition": `attachment; filename="tracemark-${query.format}-${query.label}-${stamp}.jsonl"`,
        "Cache-Control": "no-store",
      },
    });
  });
}
