// The vocabulary of people (docs/team.md "People"): what a person's name may be. Pure and import-free, so the
// CLI, the API schemas and the browser share one rule.
import { ANNOTATOR_RULES } from "./labels";

/** Lower-case letters, digits, `.`, `_`, `-`; starts with a letter or digit; at most 40 characters. */
export const PERSON_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,39}$/;
export const MAX_PERSON_NAME_LENGTH = 40;

/** Names that mean something else where a person's name is expected (the export's `annotator`). */
export const RESERVED_PERSON_NAMES: readonly string[] = [...ANNOTATOR_RULES, "me"];

/** Why a name cannot be a person's, or null when it can. */
export function personNameProblem(name: string): string | null {
  if (name.length > MAX_PERSON_NAME_LENGTH)
    return `a name is at most ${MAX_PERSON_NAME_LENGTH} characters (got ${name.length})`;
  if (!PERSON_NAME_PATTERN.test(name))
    return `"${name}" is not a name: use lower-case letters, digits, ".", "_" or "-", starting with a letter or digit`;
  if (RESERVED_PERSON_NAMES.includes(name))
    return `"${name}" is reserved (it means something else where a person's name is expected)`;
  return null;
}

/** Who the API acts for and who else has labels (GET /api/people). */
export interface PeopleView {
  me: string;
  /** Everyone with an identity or a label, sorted by name; `me` included. */
  people: { name: string; labels: number; has_login: boolean }[];
}
