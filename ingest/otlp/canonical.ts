// Small value mappers shared by the protobuf and JSON decoders, so both spell canonical values identically.
import type { OtlpDouble } from "./types";

/** Doubles JSON cannot carry become the OTLP/JSON strings. */
export function toOtlpDouble(value: number): OtlpDouble {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return "NaN";
  return value > 0 ? "Infinity" : "-Infinity";
}

/** True for the proto3 default of a double field (0, and -0 which JSON cannot tell apart). */
export function isDefaultDouble(value: OtlpDouble): boolean {
  return value === 0;
}

/** Deepest AnyValue nesting (arrayValue/kvlistValue inside each other) accepted; deeper is refused. */
export const MAX_ANY_VALUE_DEPTH = 64;

export function tooDeep(): string {
  return `AnyValue nesting deeper than ${MAX_ANY_VALUE_DEPTH} levels`;
}
