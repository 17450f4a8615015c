// 64-bit integers as two uint32 halves → exact decimal strings, without BigInt (≈10× slower on this path:
// every timestamp is one of these, and nanosecond timestamps are past 2^53).

const TWO_32 = 4294967296;
/** Values with a high half below this fit a double exactly (< 2^53). */
const SAFE_HIGH = 0x200000;

/** Unsigned value hi·2^32 + lo as a decimal string. */
export function uint64ToDecimal(lo: number, hi: number): string {
  if (hi < SAFE_HIGH) return String(hi * TWO_32 + lo);
  // 2^32 = 4294·10^6 + 967296, so the value is (hi·4294 + carry)·10^6 + rest, every term exact in a double.
  const low = hi * 967296 + lo;
  const rest = low % 1e6;
  const high = hi * 4294 + (low - rest) / 1e6;
  return String(high) + String(rest).padStart(6, "0");
}

/** Two's-complement value (hi's top bit is the sign) as a decimal string. */
export function int64ToDecimal(lo: number, hi: number): string {
  if ((hi & 0x80000000) === 0) return uint64ToDecimal(lo, hi);
  const negLo = (~lo + 1) >>> 0;
  const negHi = (~hi + (negLo === 0 ? 1 : 0)) >>> 0;
  return "-" + uint64ToDecimal(negLo, negHi);
}
