// Who a route handler acts for: the person the UI gate authenticated (PERSON_HEADER), else the local user
// (TRACEMARK_USER or the OS account; also the owner signed in with TRACEMARK_TOKEN).
import { getConfig } from "@/lib/config";
import { hasPeople, PERSON_HEADER } from "./identity";

/** The author of what this request writes (labels, the reason vocabulary). */
export function personOf(request: Request): string {
  return request.headers.get(PERSON_HEADER) || getConfig().userName;
}

/**
 * Whose labels this request reads as "mine": the person, once people were added; undefined in one person's
 * store (nobody added), where every label is the local user's whatever name it was written under.
 */
export function viewerOf(request: Request): string | undefined {
  return hasPeople(getConfig().dataDir) ? personOf(request) : undefined;
}
