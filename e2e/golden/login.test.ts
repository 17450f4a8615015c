// Login through the real server: the token has a minimum length, the cookie holds no raw token and is Secure
// behind an HTTPS proxy, and wrong tokens (login form and bearer) are throttled per address and answered 429.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { FAILURES_PER_ADDRESS } from "@/lib/security/throttle";
import { ROOT, startServer, type TestServer } from "../support/server";

const TOKEN = "login-test-token-0123456789";

test("a token shorter than 16 characters refuses to start, saying why", () => {
  const dataDir = path.join(ROOT, "data-short-token-should-not-exist");
  const result = spawnSync(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: ROOT,
    env: { ...process.env, TRACEMARK_TOKEN: "short-token", TRACEMARK_DATA_DIR: dataDir },
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(result.status).not.toBe(0);
  expect(result.stderr).toMatch(/TRACEMARK_TOKEN is 11 characters; use at least 16/);
  expect(fs.existsSync(dataDir)).toBe(false);
});

describe("behind a trusted proxy", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ env: { TRACEMARK_TOKEN: TOKEN, TRACEMARK_TRUST_PROXY: "true" } });
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  const login = (token: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${server.ui}/login`, {
      method: "POST",
      headers,
      body: new URLSearchParams({ token, next: "/" }),
      redirect: "manual",
    });

  test("the cookie holds no raw token, works, and is Secure only over HTTPS", async () => {
    const plain = await login(TOKEN, { "x-forwarded-for": "10.0.0.1" });
    expect(plain.status).toBe(303);
    const cookie = plain.headers.get("set-cookie") ?? "";
    expect(cookie).not.toContain(TOKEN);
    expect(cookie).not.toContain(encodeURIComponent(TOKEN));
    expect(cookie).not.toMatch(/Secure/);
    expect(
      (await fetch(`${server.ui}/api/stats`, { headers: { cookie: cookie.split(";")[0]! } })).status,
    ).toBe(200);
    // the raw token as a cookie is not a login
    expect(
      (await fetch(`${server.ui}/api/stats`, { headers: { cookie: `tracemark_token=${TOKEN}` } })).status,
    ).toBe(401);
    const https = await login(TOKEN, { "x-forwarded-proto": "https", "x-forwarded-for": "10.0.0.1" });
    expect(https.headers.get("set-cookie")).toMatch(/; Secure/);
  });

  test("wrong login tokens are throttled per address; the right token then waits too", async () => {
    const from = { "x-forwarded-for": "10.0.0.2" };
    for (let i = 0; i < FAILURES_PER_ADDRESS; i++)
      expect((await login(`wrong-token-${i}-xxxxxxxx`, from)).status).toBe(401);
    const refused = await login(TOKEN, from);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // another address is not affected
    expect((await login(TOKEN, { "x-forwarded-for": "10.0.0.3" })).status).toBe(303);
  });

  test("wrong bearer tokens on the API are throttled the same way", async () => {
    const from = { "x-forwarded-for": "10.0.0.4" };
    for (let i = 0; i < FAILURES_PER_ADDRESS; i++) {
      expect(
        (
          await fetch(`${server.ui}/api/stats`, {
            headers: { ...from, authorization: `Bearer wrong-${i}-xxxxxxxxxxxx` },
          })
        ).status,
      ).toBe(401);
    }
    const refused = await fetch(`${server.ui}/api/stats`, {
      headers: { ...from, authorization: `Bearer ${TOKEN}` },
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).not.toBeNull();
    expect(
      (
        await fetch(`${server.ui}/api/stats`, {
          headers: { "x-forwarded-for": "10.0.0.5", authorization: `Bearer ${TOKEN}` },
        })
      ).status,
    ).toBe(200);
  });
});
