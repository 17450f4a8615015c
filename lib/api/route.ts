// Thin-edge helpers for route handlers: parse input with zod, map AppError to a status, log the unknown.
import type { z } from "zod";
import { pgUnavailable } from "@/db/client-pg";
import { indexStoreOf } from "@/db/open-store";
import type { Store } from "@/db/store";
import { getConfig } from "@/lib/config";
import { AppError, STATUS_OF } from "@/lib/errors";

/** The index as a Store (db/store.ts): PostgreSQL in team mode, else the data dir's SQLite. */
export function store(): Store {
  return indexStoreOf(getConfig());
}

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    return Response.json({ error: error.message }, { status: STATUS_OF[error.kind] });
  }
  // Team mode: PostgreSQL down or restarting is the server's state, not a bug: 503, as a full disk is.
  const unavailable = pgUnavailable(error);
  if (unavailable)
    return Response.json({ error: unavailable }, { status: 503, headers: { "Retry-After": "5" } });
  console.error("tracemark: API request failed:", error);
  return Response.json({ error: "internal error" }, { status: 500 });
}

/** Runs a handler and turns whatever it throws into a JSON error response. */
export async function respond(work: () => unknown): Promise<Response> {
  try {
    const result = await work();
    return result instanceof Response
      ? result
      : Response.json(result, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Validates input against a schema; the 400 message names each broken field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const detail = result.error.issues
      .map((issue) => `${issue.path.join(".") || "request"}: ${issue.message}`)
      .join("; ");
    throw new AppError("bad-request", detail);
  }
  return result.data;
}

/** Largest JSON body a UI route reads: a label with its note is a few KB. */
export const MAX_JSON_BODY_BYTES = 1_000_000;

/** Reads the body as it streams and stops at the cap, so a huge body never sits in memory (issue 12:
 * 4 × 300 MB label PUTs took 2.5 GB when the cap was checked after buffering). */
async function readCapped(request: Request, limit: number): Promise<string> {
  const tooLarge = (): AppError => new AppError("too-large", `body over ${limit} bytes`);
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function readJson(request: Request): Promise<unknown> {
  const text = await readCapped(request, MAX_JSON_BODY_BYTES);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("bad-request", "body is not valid JSON");
  }
}
