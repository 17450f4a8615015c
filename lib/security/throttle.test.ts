import type { IncomingMessage } from "node:http";
import { describe, expect, test } from "vitest";
import { clientAddress, servedOverHttps, sessionCookieValue, tokenMatches } from "./guard";
import { FAILURES_OVERALL, FAILURES_PER_ADDRESS, TokenThrottle } from "./throttle";

describe("TokenThrottle", () => {
  test("an address waits after its failures, until the oldest leaves the minute", () => {
    let now = 1_000_000;
    const throttle = new TokenThrottle(() => now);
    for (let i = 0; i < FAILURES_PER_ADDRESS; i++) {
      expect(throttle.retryAfter("a")).toBe(0);
      throttle.fail("a");
      now += 1_000;
    }
    expect(throttle.retryAfter("a")).toBe(50);
    expect(throttle.retryAfter("b")).toBe(0);
    now += 50_000;
    expect(throttle.retryAfter("a")).toBe(0);
  });

  test("failures from many addresses together hit the overall limit", () => {
    const throttle = new TokenThrottle(() => 5_000);
    for (let i = 0; i < FAILURES_OVERALL; i++) throttle.fail(`10.0.${Math.floor(i / 5)}.${i % 5}`);
    expect(throttle.retryAfter("192.168.1.1")).toBeGreaterThan(0);
  });
});

const request = (headers: Record<string, string>, encrypted = false): IncomingMessage =>
  ({ headers, socket: { remoteAddress: "127.0.0.1", encrypted } }) as unknown as IncomingMessage;

test("forwarded headers count only behind a trusted proxy", () => {
  const forwarded = request({ "x-forwarded-proto": "https", "x-forwarded-for": "1.2.3.4, 5.6.7.8" });
  expect(servedOverHttps(forwarded, false)).toBe(false);
  expect(servedOverHttps(forwarded, true)).toBe(true);
  expect(servedOverHttps(request({}, true), false)).toBe(true);
  expect(clientAddress(forwarded, false)).toBe("127.0.0.1");
  expect(clientAddress(forwarded, true)).toBe("5.6.7.8");
});

test("the session cookie is derived from the token and compared whatever the lengths", () => {
  const value = sessionCookieValue("a-token-of-enough-length");
  expect(value).toMatch(/^[0-9a-f]{64}$/);
  expect(value).not.toContain("a-token");
  expect(sessionCookieValue("another-token-of-enough-length")).not.toBe(value);
  expect(tokenMatches(value, value)).toBe(true);
  expect(tokenMatches("short", value)).toBe(false);
  expect(tokenMatches(undefined, value)).toBe(false);
});
