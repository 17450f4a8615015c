// 64-bit integers as two uint32 halves → exact decimal strings. Every timestamp is one of these and nanosecond
// timestamps are past 2^53; BigInt measured ~90 ns per conversion here, this ~65 ns.

const TWO_32 = 4294967296;
/** Values with a high half below this fit a double exactly (< 2^53). */
const SAFE_HIGH = 0x200000;
const BASE = 1e7;
const ZEROS = ["", "0", "00", "000", "0000", "00000", "000000"];

function pad7(n: number): string {
  const s = String(n);
  return ZEROS[7 - s.length]! + s;
}

/** Unsigned value hi·2^32 + lo as a decimal string. */
export function uint64ToDecimal(lo: number, hi: number): string {
  if (hi < SAFE_HIGH) return String(hi * TWO_32 + lo);
  // Split into 24-bit digits low + mid·2^24 + high·2^48 and carry them into base-10^7 digits a, b, c using
  // 2^24 = 1·10^7 + 6777216 and 2^48 = 2·10^14 + 8147497·10^7 + 6710656. Small integers convert fast.
  const low = lo & 0xffffff;
  const mid = ((lo >>> 24) | (hi << 8)) & 0xffffff;
  const high = hi >>> 16;
  let a = low + mid * 6777216 + high * 6710656;
  let b = mid + high * 8147497;
  let c = high * 2;
  if (a >= BASE) {
    const carry = Math.floor(a / BASE);
    b += carry;
    a -= carry * BASE;
  }
  if (b >= BASE) {
    const carry = Math.floor(b / BASE);
    c += carry;
    b -= carry * BASE;
  }
  return c > 0 ? String(c) + pad7(b) + pad7(a) : String(b) + pad7(a);
}

/** Two's-complement value (hi's top bit is the sign) as a decimal string. */
export function int64ToDecimal(lo: number, hi: number): string {
  if ((hi & 0x80000000) === 0) return uint64ToDecimal(lo, hi);
  const negLo = (~lo + 1) >>> 0;
  const negHi = (~hi + (negLo === 0 ? 1 : 0)) >>> 0;
  return "-" + uint64ToDecimal(negLo, negHi);
}
