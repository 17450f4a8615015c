// PUT /api/sessions/{id}/label: set a whole session's label and/or note (docs/api.md).
import { labelPutHandler } from "@/lib/labels/route";

export const dynamic = "force-dynamic";

export const PUT = labelPutHandler("session");
