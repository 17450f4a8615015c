// OTLP/JSON scalar fields → canonical values, accepting what real exporters write (int64 as number or string,
// enum names, null for absent) and refusing wrong types with the field's name. Each reader gets the raw
// property value and its JSON name; `undefined`/`null` mean absent and yield the proto3 default.
import { toOtlpDouble } from "../canonical";
import { OtlpDecodeError } from "../decode-error";
import { idLengthProblem, type RecordTally } from "../record-tally";
import type { OtlpDouble } from "../types";

export function fail(name: string, problem: string): OtlpDecodeError {
  return new OtlpDecodeError(problem).within(name);
}

/** "number", "array", "null", … for messages. */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}

function shown(value: unknown): string {
  const text =
    typeof value === "string"
      ? JSON.stringify(value)
      : typeof value === "number"
        ? String(value)
        : kindOf(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

export function readString(value: unknown, name: string): string {
  if (typeof value === "string") return value;
  if (value == null) return "";
  throw fail(name, `expected a string, got ${kindOf(value)}`);
}

export function readBool(value: unknown, name: string): boolean {
  if (typeof value === "boolean") return value;
  if (value == null) return false;
  throw fail(name, `expected a boolean, got ${kindOf(value)}`);
}

/** 32-bit integers (uint32, int32, fixed32): a number, or a decimal string as proto3 JSON allows. */
export function readInt32(value: unknown, name: string, signed: boolean): number {
  if (value == null) return 0;
  const n = typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
  const min = signed ? -0x80000000 : 0;
  const max = signed ? 0x7fffffff : 0xffffffff;
  if (typeof n === "number" && Number.isInteger(n) && n >= min && n <= max) return n;
  throw fail(name, `expected a ${signed ? "32-bit" : "32-bit unsigned"} integer, got ${shown(value)}`);
}

/** Enums: the integer (canonical) or the value name from the .proto; unknown integers are kept (open enums). */
export function readEnum(value: unknown, name: string, names: readonly string[]): number {
  if (typeof value === "string" && !/^-?\d+$/.test(value)) {
    const index = names.indexOf(value);
    if (index < 0) throw fail(name, `unknown enum value ${shown(value)}`);
    return index;
  }
  return readInt32(value, name, true);
}

const UINT64_MAX = 18446744073709551615n;
const INT64_MIN = -9223372036854775808n;
const INT64_MAX = 9223372036854775807n;

/** int64/uint64/fixed64 → canonical decimal ("0" for zero); absent is the caller's business. */
export function readInt64(value: unknown, name: string, signed: boolean): string {
  if (typeof value === "string") {
    // Fast path: already canonical and certainly in range (uint64 has 20 digits, int64 19).
    const c = value.charCodeAt(0);
    if (c >= 0x31 && c <= 0x39 && value.length <= (signed ? 18 : 19) && /^\d+$/.test(value)) return value;
    if (!/^-?\d+$/.test(value))
      throw fail(name, `expected an integer or a decimal string, got ${shown(value)}`);
    return inRange(BigInt(value), name, signed, value);
  }
  if (typeof value === "number") {
    if (!Number.isInteger(value)) throw fail(name, `expected an integer, got ${value}`);
    return Number.isSafeInteger(value)
      ? inRange(value, name, signed, value)
      : inRange(BigInt(value), name, signed, value);
  }
  throw fail(name, `expected an integer or a decimal string, got ${kindOf(value)}`);
}

function inRange(n: bigint | number, name: string, signed: boolean, raw: unknown): string {
  const ok = signed ? n >= INT64_MIN && n <= INT64_MAX : n >= 0 && n <= UINT64_MAX;
  if (!ok) throw fail(name, `${shown(raw)} is out of range for ${signed ? "int64" : "uint64"}`);
  return n.toString(); // "-0", "007" → "0", "7"
}

/** Singular 64-bit field: "" when absent or zero, so callers omit it. */
export function readInt64Field(value: unknown, name: string, signed = false): string {
  if (value == null) return "";
  const text = readInt64(value, name, signed);
  return text === "0" ? "" : text;
}

const SPECIAL_DOUBLES: Readonly<Record<string, OtlpDouble>> = {
  NaN: "NaN",
  Infinity: "Infinity",
  "-Infinity": "-Infinity",
};

/** double: a number, "NaN"/"Infinity"/"-Infinity", or a numeric string (proto3 JSON). */
export function readDouble(value: unknown, name: string): OtlpDouble {
  if (typeof value === "number") return value;
  if (typeof value === "string") {
    const special = SPECIAL_DOUBLES[value];
    if (special !== undefined) return special;
    const n = value.trim() === "" ? NaN : Number(value);
    if (Number.isFinite(n)) return toOtlpDouble(n);
  }
  throw fail(name, `expected a number, got ${shown(value)}`);
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** bytes (not ids): base64, standard or URL-safe, padded or not → standard padded base64. */
export function readBase64(value: unknown, name: string): string {
  if (typeof value !== "string") throw fail(name, `expected a base64 string, got ${kindOf(value)}`);
  if (!BASE64.test(value) || value.length % 4 === 1) throw fail(name, "not base64");
  return Buffer.from(value, "base64").toString("base64");
}

const HEX = /^(?:[0-9a-fA-F]{2})*$/;

/**
 * trace/span ids are hex in OTLP/JSON (not base64 as generic proto3 JSON would read them). Bad characters or
 * an odd length fail the request; a wrong byte length only flags the enclosing record for rejection.
 */
export function readHexId(
  value: unknown,
  name: string,
  bytes: number,
  tally: RecordTally,
  reason = name,
): string {
  if (value == null || value === "") return "";
  if (typeof value !== "string") throw fail(name, `expected a hex string, got ${kindOf(value)}`);
  if (!HEX.test(value)) throw fail(name, "not hex");
  const problem = idLengthProblem(reason, value.length / 2, bytes);
  if (problem !== null) tally.flag(problem);
  return value.toLowerCase();
}
