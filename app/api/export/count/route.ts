// GET /api/export/count?<export options>: how many turns match, for the Export panel's preview.
import { db, parseInput, respond } from "@/lib/api/route";
import { countExport } from "@/lib/export/export";
import { toExportOptions } from "@/lib/export/options";
import { exportInputFromUrl, exportQuery } from "../schema";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return respond(() => {
    const options = toExportOptions(parseInput(exportQuery, exportInputFromUrl(new URL(request.url))));
    return { turns: countExport(db(), options.filter) };
  });
}
