// The hand-rolled 64-bit → decimal conversion against BigInt, over the whole range and its edges.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { int64ToDecimal, uint64ToDecimal } from "./protobuf/int64";

const halves = (value: bigint): [number, number] => [
  Number(value & 0xffffffffn),
  Number((value >> 32n) & 0xffffffffn),
];

describe("64-bit decimals", () => {
  it("match BigInt for unsigned values", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (value) => {
        expect(uint64ToDecimal(...halves(value))).toBe(value.toString());
      }),
      { seed: 1, numRuns: 20_000 },
    );
  });

  it("match BigInt for signed values", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (value) => {
        expect(int64ToDecimal(...halves(BigInt.asUintN(64, value)))).toBe(value.toString());
      }),
      { seed: 2, numRuns: 20_000 },
    );
  });

  it.each([
    0n,
    1n,
    2n ** 53n - 1n,
    2n ** 53n,
    2n ** 53n + 1n,
    1795272707123456789n,
    10n ** 19n,
    2n ** 64n - 1n,
  ])("converts %s exactly", (value) => {
    expect(uint64ToDecimal(...halves(value))).toBe(value.toString());
  });

  it("converts the int64 extremes", () => {
    expect(int64ToDecimal(...halves(2n ** 63n))).toBe("-9223372036854775808");
    expect(int64ToDecimal(...halves(2n ** 64n - 1n))).toBe("-1");
    expect(int64ToDecimal(...halves(2n ** 63n - 1n))).toBe("9223372036854775807");
  });
});
