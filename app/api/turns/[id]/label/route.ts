// PUT /api/turns/{turnId}/label: set a turn's label and/or note (docs/api.md).
import { labelPutHandler } from "@/lib/labels/route";

export const dynamic = "force-dynamic";

export const PUT = labelPutHandler("turn");
