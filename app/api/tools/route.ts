// GET /api/tools: tool names with their call counts, most called first (docs/api.md).
import { respond, store } from "@/lib/api/route";
import { listTools } from "@/lib/sessions/tools";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return respond(() => listTools(store()));
}
