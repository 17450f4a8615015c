// Local-only security through the real server: DNS rebinding (foreign Host), CSRF (foreign Origin on a
// label PUT), CORS preflight to OTLP, CSP and framing headers, an off-loopback bind without a token, and
// the token gate for OTLP, the API and the UI.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GrpcExporter, postOtlp, readCapture } from "../support/replay";
import { FIXTURES, ROOT, settledStats, startServer, type TestServer } from "../support/server";

const LOGS = readCapture(path.join(FIXTURES, "claude-code", "bash", "http-json")).find(
  (item) => item.signal === "logs",
)!;

/** fetch() refuses to set Host, so raw http.request it is. */
function rawRequest(
  url: string,
  options: http.RequestOptions,
  body?: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, options, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("without a token (loopback)", () => {
  let server: TestServer;
  let turnId: string;
  beforeAll(async () => {
    server = await startServer();
    await postOtlp(server.otlpHttp, LOGS);
    await settledStats(server);
    const list = (await (await fetch(`${server.ui}/api/sessions`)).json()) as { sessions: { id: string }[] };
    const detail = (await (await fetch(`${server.ui}/api/sessions/${list.sessions[0]!.id}`)).json()) as {
      turns: { id: string }[];
    };
    turnId = detail.turns[0]!.id;
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  test("a foreign Host (DNS rebinding) is refused on the UI and the API", async () => {
    for (const target of ["/", "/api/sessions", "/api/stats"]) {
      const response = await rawRequest(`${server.ui}${target}`, {
        headers: { Host: `evil.example:${server.ports.ui}` },
      });
      expect(response.status, target).toBe(421);
    }
    const ok = await rawRequest(`${server.ui}/api/stats`, {
      headers: { Host: `localhost:${server.ports.ui}` },
    });
    expect(ok.status).toBe(200);
  });

  test("a label PUT from a foreign Origin (CSRF) is refused and changes nothing", async () => {
    const response = await fetch(`${server.ui}/api/turns/${turnId}/label`, {
      method: "PUT",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ label: "bad" }),
    });
    expect(response.status).toBe(403);
    const same = await fetch(`${server.ui}/api/turns/${turnId}/label`, {
      method: "PUT",
      headers: { "content-type": "application/json", origin: server.ui },
      body: JSON.stringify({ label: "good" }),
    });
    expect(same.status).toBe(200);
    expect(((await same.json()) as { label: string }).label).toBe("good");
  });

  test("a CORS preflight to /v1/logs is refused on both OTLP ports", async () => {
    for (const base of [server.otlpHttp, server.ui]) {
      const response = await fetch(`${base}/v1/logs`, {
        method: "OPTIONS",
        headers: {
          origin: "https://evil.example",
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type",
        },
      });
      expect(response.status).toBe(403);
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
    }
  });

  test("pages carry a CSP without inline script and refuse framing", async () => {
    const response = await fetch(`${server.ui}/`);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(csp).not.toContain("unsafe-inline' 'nonce"); // no unsafe-inline for scripts
    expect(/script-src[^;]*unsafe-inline/.test(csp)).toBe(false);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    // every script Next emitted carries this response's nonce
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });
});

test("binding off loopback without a token refuses to start, saying why", () => {
  const result = spawnSync(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      TRACEMARK_HOST: "0.0.0.0",
      TRACEMARK_TOKEN: "",
      TRACEMARK_DATA_DIR: path.join(ROOT, "data-should-not-exist"),
    },
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(result.status).not.toBe(0);
  expect(result.stderr).toMatch(/TRACEMARK_TOKEN/);
  expect(fs.existsSync(path.join(ROOT, "data-should-not-exist"))).toBe(false);
});

describe("with a token", () => {
  const TOKEN = "s3cret-token-for-tests";
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ env: { TRACEMARK_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  test("OTLP/HTTP needs the bearer token or the token header", async () => {
    expect((await postOtlp(server.otlpHttp, LOGS)).status).toBe(401);
    expect((await postOtlp(server.otlpHttp, LOGS, { authorization: "Bearer wrong" })).status).toBe(401);
    expect((await postOtlp(server.otlpHttp, LOGS, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await postOtlp(server.otlpHttp, LOGS, { "x-tracemark-token": TOKEN })).status).toBe(200);
  });

  test("OTLP/gRPC needs the token in metadata", async () => {
    const body = readCapture(path.join(FIXTURES, "claude-code", "bash", "grpc")).find(
      (item) => item.signal === "logs",
    )!.body;
    const client = new GrpcExporter(server.grpc);
    try {
      await expect(client.export("logs", body)).rejects.toMatchObject({ code: 16 }); // UNAUTHENTICATED
    } finally {
      client.close();
    }
  });

  test("the API needs the token; the UI redirects to a login page that sets an HttpOnly SameSite=Strict cookie", async () => {
    expect((await fetch(`${server.ui}/api/stats`)).status).toBe(401);
    expect(
      (await fetch(`${server.ui}/api/stats`, { headers: { authorization: `Bearer ${TOKEN}` } })).status,
    ).toBe(200);
    const page = await fetch(`${server.ui}/sessions/x`, { redirect: "manual" });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toMatch(/^\/login\?next=/);
    const wrong = await fetch(`${server.ui}/login`, {
      method: "POST",
      body: new URLSearchParams({ token: "nope", next: "/" }),
      redirect: "manual",
    });
    expect(wrong.status).toBe(401);
    const login = await fetch(`${server.ui}/login`, {
      method: "POST",
      body: new URLSearchParams({ token: TOKEN, next: "//evil.example" }),
      redirect: "manual",
    });
    expect(login.status).toBe(303);
    expect(login.headers.get("location")).toBe("/");
    const cookie = login.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const withCookie = await fetch(`${server.ui}/api/stats`, { headers: { cookie: cookie.split(";")[0]! } });
    expect(withCookie.status).toBe(200);
  });
});
