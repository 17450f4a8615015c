// The loop every multi-field protobuf message decoder shares: read tags to the message end, hand each field to
// the message's field reader, and on failure name the field (and list index) in the error path.
import { within } from "../decode-error";
import { idLengthProblem } from "../record-tally";
import type { WireReader } from "./reader";

/** Field number → JSON name, for error paths; "name[]" marks a repeated message field (path shows the index). */
export type FieldNames = Readonly<Record<number, string>>;

export type FieldReader<F> = (r: WireReader, tag: number, end: number, fields: F) => void;

/** Decodes fields into `fields` (a holder of the message's values) and returns it. */
export function decodeFields<F extends object>(
  r: WireReader,
  end: number,
  names: FieldNames,
  fields: F,
  readField: FieldReader<F>,
): F {
  let field = 0;
  try {
    while (r.pos < end) {
      field = 0; // a bad tag belongs to no field
      const tag = r.tag(end);
      field = tag >>> 3;
      readField(r, tag, end, fields);
    }
  } catch (error) {
    throw fieldError(error, names, field, fields);
  }
  return fields;
}

/**
 * Adds the failing field to an error's path. For a repeated field ("name[]") the element being decoded is
 * the next one, so its index is the holder's list length, or `index` when the caller tracks it.
 */
export function fieldError(
  error: unknown,
  names: FieldNames,
  field: number,
  holder: object,
  index?: number,
): unknown {
  const name = names[field];
  if (name === undefined) return error;
  if (!name.endsWith("[]")) return within(error, name);
  const list = name.slice(0, -2);
  const length = (holder as Record<string, unknown>)[list];
  return within(error, list, index ?? (Array.isArray(length) ? length.length : undefined));
}

/** Reads an id as hex; a wrong (non-zero) length flags the enclosing record for rejection. */
export function readId(r: WireReader, end: number, field: string, expected: number): string {
  const hex = r.hex(end);
  const problem = idLengthProblem(field, r.lastLength, expected);
  if (problem !== null) r.tally.flag(problem);
  return hex;
}
