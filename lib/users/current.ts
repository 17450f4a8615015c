// Who a route handler acts for: the person the UI gate authenticated (PERSON_HEADER), else the local user
// (TRACEMARK_USER or the OS account; also the owner signed in with TRACEMARK_TOKEN).
import { getConfig } from "@/lib/config";
import { PERSON_HEADER } from "./identity";

export function personOf(request: Request): string {
  return request.headers.get(PERSON_HEADER) || getConfig().userName;
}
