// GET /api/export/count?<export options>: how many turns match (and for `dpo` how many pairs they give), for
// the Export panel's preview.
import { respond, store } from "@/lib/api/route";
import { countExport, exportDataset } from "@/lib/export/export";
import { toExportOptions } from "@/lib/export/options";
import { viewerOf } from "@/lib/users/current";
import { parseExportRequest } from "../schema";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const options = toExportOptions(
      await parseExportRequest(new URL(request.url), viewerOf(request), store()),
    );
    const turns = await countExport(store(), options.filter);
    if (options.format !== "dpo") return { turns };
    // Pairs exist only once formed; forming them is the export itself, minus redaction and writing.
    const { lines, report } = exportDataset(store(), { ...options, redact: false });
    for await (const _line of lines);
    return { turns, pairs: report.lines };
  });
}
