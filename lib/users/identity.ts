// Who a request is: a personal token (login form or `Authorization: Bearer`) or a login cookie naming a person.
// The UI gate (lib/security/guard.ts) decides with these and hands the person to the routes in PERSON_HEADER,
// which it strips from every incoming request first, so no client can claim a name.
import { createHmac, timingSafeEqual } from "node:crypto";
import { journalsOf } from "@/lib/journals/journals";
import { hashToken, type Person } from "./store";

/** The people now: the data dir's users.jsonl, or in team mode the database's (lib/journals). */
const peopleOf = (dataDir: string) => journalsOf(dataDir).users.current().people;

/** Set by the gate on requests it authenticated as a person; never taken from the client. */
export const PERSON_HEADER = "x-tracemark-person";

const same = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** Whether this tracemark has people (then the UI requires a login, docs/team.md "People"). */
export function hasPeople(dataDir: string): boolean {
  return peopleOf(dataDir).size > 0;
}

/** The person whose personal token this is; every stored hash is compared, in constant time each. */
export function personByToken(dataDir: string, token: string | null | undefined): Person | null {
  if (!token || token.length > 200) return null;
  const hash = hashToken(token);
  let found: Person | null = null;
  for (const person of peopleOf(dataDir).values()) if (same(person.tokenHash, hash)) found = person;
  return found;
}

const cookieMac = (person: Person): string =>
  createHmac("sha256", person.tokenHash).update(`tracemark-session:${person.name}`).digest("hex");

/**
 * A person's login cookie: their name and a MAC keyed by their token's hash, so it never holds the token,
 * survives restarts, and stops working when the person is removed or given a new token.
 */
export function personCookieValue(person: Person): string {
  return `${person.name}.${cookieMac(person)}`;
}

/** The person a login cookie names, or null (malformed, forged, removed, or an old token's cookie). */
export function personByCookie(dataDir: string, value: string | undefined): Person | null {
  if (!value || value.length > 200) return null;
  const dot = value.lastIndexOf(".");
  if (dot <= 0) return null;
  const person = peopleOf(dataDir).get(value.slice(0, dot));
  return person && same(value.slice(dot + 1), cookieMac(person)) ? person : null;
}
