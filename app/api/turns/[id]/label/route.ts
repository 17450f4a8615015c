// PUT /api/turns/{turnId}/label: set a turn's label, note, reasons and/or correction (docs/api.md).
import { labelPutHandler } from "@/lib/labels/route";

export const dynamic = "force-dynamic";

export const PUT = labelPutHandler("turn");
