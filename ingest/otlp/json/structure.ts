// OTLP/JSON messages and repeated fields: type checks that name the field, and list mapping that names the
// failing element's index. `null` (or a missing key) is an absent field everywhere.
import { OtlpDecodeError, within } from "../decode-error";
import { fail, kindOf } from "./scalars";

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A message field: the object, or null when absent. */
export function readObject(value: unknown, name: string): JsonObject | null {
  if (value == null) return null;
  if (isObject(value)) return value;
  throw fail(name, `expected an object, got ${kindOf(value)}`);
}

/** A repeated field: the array, or [] when absent. */
export function readArray(value: unknown, name: string): readonly unknown[] {
  if (value == null) return [];
  if (Array.isArray(value)) return value;
  throw fail(name, `expected an array, got ${kindOf(value)}`);
}

/** Decodes a message field, adding its name to any error's path. */
export function decodeMessage<T>(value: unknown, name: string, decode: (o: JsonObject) => T): T | null {
  const o = readObject(value, name);
  if (o === null) return null;
  try {
    return decode(o);
  } catch (error) {
    throw within(error, name);
  }
}

/** Decodes a repeated message field; `decode` returning null drops that element (a rejected record). */
export function decodeList<T>(value: unknown, name: string, decode: (o: JsonObject) => T | null): T[] {
  const items = readArray(value, name);
  const out: T[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    try {
      if (!isObject(item)) throw new OtlpDecodeError(`expected an object, got ${kindOf(item)}`);
      const decoded = decode(item);
      if (decoded !== null) out.push(decoded);
    } catch (error) {
      throw within(error, name, i);
    }
  }
  return out;
}

/** Decodes a repeated scalar field with a reader that names the element on error. */
export function decodeScalars<T>(
  value: unknown,
  name: string,
  read: (item: unknown, name: string) => T,
): T[] {
  const items = readArray(value, name);
  const out = new Array<T>(items.length);
  for (let i = 0; i < items.length; i++) out[i] = read(items[i], `${name}[${i}]`);
  return out;
}
