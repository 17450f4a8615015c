import { describe, expect, it } from "vitest";
import { pairAgreement } from "./agreement";

describe("pairAgreement", () => {
  it("matches a case worked by hand", () => {
    // 10 turns. A good & B good: 4; A good & B bad: 2; A bad & B good: 1; A bad & B bad: 3.
    // po = (4 + 3) / 10 = 0.7. A: good 6, bad 4; B: good 5, bad 5.
    // pe = 0.6·0.5 + 0.4·0.5 = 0.5. kappa = (0.7 − 0.5) / (1 − 0.5) = 0.4.
    const result = pairAgreement([
      ["good", "good", 4],
      ["good", "bad", 2],
      ["bad", "good", 1],
      ["bad", "bad", 3],
    ]);
    expect(result.turns).toBe(10);
    expect(result.agreed).toBe(7);
    expect(result.percent).toBeCloseTo(70, 10);
    expect(result.kappa).toBeCloseTo(0.4, 10);
  });

  it("gives kappa below zero when people agree less than chance", () => {
    // good/bad 2, bad/good 2, nothing else: po = 0; A and B each 50/50 so pe = 0.5; kappa = −1.
    const result = pairAgreement([
      ["good", "bad", 2],
      ["bad", "good", 2],
    ]);
    expect(result.percent).toBe(0);
    expect(result.kappa).toBeCloseTo(-1, 10);
  });

  it("leaves kappa undefined when chance agreement is 1", () => {
    // Both said good to all 3 turns: po = 1, pe = 1·1 = 1, kappa = 0/0.
    const result = pairAgreement([["good", "good", 3]]);
    expect(result.percent).toBe(100);
    expect(result.kappa).toBeNull();
  });

  it("gives kappa 0 when one person always says the same and the other does not", () => {
    // A always good; B good 1, bad 1. po = 0.5; pe = 1·0.5 + 0·0.5 = 0.5; kappa = 0.
    const result = pairAgreement([
      ["good", "good", 1],
      ["good", "bad", 1],
    ]);
    expect(result.kappa).toBeCloseTo(0, 10);
  });

  it("has no figures without a shared turn", () => {
    expect(pairAgreement([])).toEqual({ turns: 0, agreed: 0, percent: null, kappa: null });
  });
});
