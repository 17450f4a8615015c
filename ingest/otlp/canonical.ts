// Small value mappers shared by the protobuf and JSON decoders, so both spell canonical values identically.
import type { OtlpDouble } from "./types";

/** Doubles JSON cannot carry become the OTLP/JSON strings. */
export function toOtlpDouble(value: number): OtlpDouble {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return "NaN";
  return value > 0 ? "Infinity" : "-Infinity";
}

/** Deepest AnyValue nesting (arrayValue/kvlistValue inside each other) accepted; deeper is refused. */
export const MAX_ANY_VALUE_DEPTH = 64;

export function tooDeep(): string {
  return `AnyValue nesting deeper than ${MAX_ANY_VALUE_DEPTH} levels`;
}

/** The message, or null when nothing was set: empty singular messages are omitted from the canonical form. */
export function orNull<T extends object>(out: T): T | null {
  for (const _ in out) return out;
  return null;
}

/** Sets a scalar field unless it holds the proto3 default ("" or 0; -0 too, which JSON cannot tell apart). */
export function setIf<T extends object, K extends keyof T>(
  out: T,
  key: K,
  value: T[K] & (string | number),
): void {
  if (value !== "" && value !== 0) out[key] = value;
}
