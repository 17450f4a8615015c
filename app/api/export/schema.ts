import type { Store } from "@/db/store";
import { parseInput } from "@/lib/api/route";
import { checkAnnotator } from "@/lib/export/annotator";
import { exportQuery, type ExportQueryOutput } from "@/lib/export/options";

const KNOWN = [
  "label",
  "format",
  "client",
  "model",
  "since",
  "until",
  "reason",
  "suggested",
  "session",
  "has_note",
  "original",
  "redact",
  "annotator",
];

/** The export options from a query string: the CLI's names, `session` repeatable, flags as true/false. */
export function exportInputFromUrl(url: URL): Record<string, unknown> {
  const params = url.searchParams;
  const flag = (name: string): boolean | undefined => {
    const value = params.get(name);
    return value === null ? undefined : value === "true" || value === "1";
  };
  const input: Record<string, unknown> = {};
  for (const key of [
    "label",
    "format",
    "client",
    "model",
    "since",
    "until",
    "reason",
    "suggested",
    "annotator",
  ]) {
    const value = params.get(key);
    if (value !== null && value !== "") input[key] = value;
  }
  const sessions = params.getAll("session").filter(Boolean);
  if (sessions.length > 0) input.session = sessions;
  if (flag("has_note") !== undefined) input.has_note = flag("has_note");
  if (flag("redact") !== undefined) input.redact = flag("redact");
  if (flag("original") !== undefined) input.original = flag("original");
  for (const key of params.keys()) {
    if (!KNOWN.includes(key)) {
      input[key] = params.get(key); // rejected by the strict schema with the key's name
    }
  }
  return input;
}

/**
 * Parses the export options of a request; `annotator` defaults to the person asking (and a person named
 * explicitly must have labels).
 */
export async function parseExportRequest(
  url: URL,
  me: string | undefined,
  store: Store,
): Promise<ExportQueryOutput> {
  const query = parseInput(exportQuery, exportInputFromUrl(url));
  await checkAnnotator(store, query.annotator);
  return { ...query, annotator: query.annotator ?? me };
}

export { exportQuery };
