// The token gate against every path spelling (dot segments, percent- and double-encoding, backslashes, `;`
// params, `//`), malformed cookies and headers, and upgrade requests — on the UI port and the OTLP/HTTP port
// of a real server with TRACEMARK_TOKEN set. Nothing may come back without the token, and every request is
// answered and its socket closed.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { postOtlp, readCapture } from "../support/replay";
import { rawExchange, rawRequestText } from "../support/raw-http";
import { FIXTURES, startServer, type TestServer } from "../support/server";

const TOKEN = "gate-test-token-0123456789abcdef";
const AUTH = { authorization: `Bearer ${TOKEN}` };
const LOGS = readCapture(path.join(FIXTURES, "claude-code", "bash", "http-json")).find(
  (item) => item.signal === "logs",
)!;

/** Spellings that a path normalizer (Next's, a proxy's) may resolve to `target` (e.g. "api/stats"). */
function spellings(target: string): string[] {
  const back = target.replace(/\//g, "\\");
  const enc = target.replace(/\//g, "%2f");
  return [
    `/_next/static/../../${target}`,
    `/_next/static/%2e%2e/%2e%2e/${target}`,
    `/_next/static/%2E%2E/%2E%2E/${target}`,
    `/_next/static/.%2e/.%2e/${target}`,
    `/_next/static/..%2f..%2f${enc}`,
    `/_next/static/..%2F..%2F${target}`,
    `/_next/static/%252e%252e/%252e%252e/${target}`,
    `/_next/static/..\\..\\${back}`,
    `/_next/static/..%5c..%5c${target}`,
    `/_next/static/..;/..;/${target}`,
    `/_next/static/.;/../../${target}`,
    `/_next/static//../../${target}`,
    `//_next/static/../../${target}`,
    `/_next/static/./../../${target}`,
    `/_next/static/chunks/../../../${target}`,
    `/_next/static/x/%2e%2e/%2e%2e/%2e%2e/${target}`,
    `/_next//static/../../${target}`,
    `/_next/static/%2e%2e%2f%2e%2e%2f${enc}`,
    `/_next/static/..%00/../${target}`,
  ];
}

let server: TestServer;
let turnId: string;
let sessionId: string;
beforeAll(async () => {
  server = await startServer({ env: { TRACEMARK_TOKEN: TOKEN } });
  expect((await postOtlp(server.otlpHttp, LOGS, AUTH)).status).toBe(200);
  await fetch(`${server.ui}/api/stats?settle=1`, { headers: AUTH });
  const list = (await (await fetch(`${server.ui}/api/sessions`, { headers: AUTH })).json()) as {
    sessions: { id: string }[];
  };
  const detail = (await (
    await fetch(`${server.ui}/api/sessions/${list.sessions[0]!.id}`, { headers: AUTH })
  ).json()) as { turns: { id: string }[] };
  turnId = detail.turns[0]!.id;
  sessionId = list.sessions[0]!.id;
});
afterAll(async () => {
  await server.stop();
  fs.rmSync(server.dataDir, { recursive: true, force: true });
});

describe("path spellings never pass the gate", () => {
  for (const target of ["api/export?label=all&redact=false", "api/stats", "connect", "api/sessions"]) {
    test(`UI port: ${target}`, async () => {
      for (const spelled of spellings(target)) {
        const answer = await rawExchange(server.ports.ui, rawRequestText(server.ports.ui, "GET", spelled));
        expect(answer.status, spelled).not.toBeNull();
        expect([200, 304], spelled).not.toContain(answer.status);
        expect(answer.body, spelled).not.toContain(TOKEN);
        expect(answer.body, spelled).not.toMatch(/"sessions"|"records"|"turns"/);
        expect(answer.closed, spelled).toBe(true);
      }
    });
  }

  test("OTLP/HTTP port: no spelling reaches the UI or the API", async () => {
    for (const spelled of [...spellings("api/stats"), ...spellings("connect")]) {
      const answer = await rawExchange(
        server.ports.otlpHttp,
        rawRequestText(server.ports.otlpHttp, "GET", spelled),
      );
      expect(answer.status, spelled).not.toBeNull();
      expect(answer.status, spelled).not.toBe(200);
      expect(answer.body, spelled).not.toContain(TOKEN);
      expect(answer.closed, spelled).toBe(true);
    }
  });

  test("label PUTs through the static prefix are refused and change nothing", async () => {
    const body = JSON.stringify({ label: "bad" });
    for (const spelled of spellings(`api/turns/${turnId}/label`)) {
      const request = rawRequestText(
        server.ports.ui,
        "PUT",
        spelled,
        ["Content-Type: application/json"],
        body,
      );
      const answer = await rawExchange(server.ports.ui, request);
      expect(answer.status, spelled).not.toBeNull();
      expect(answer.status, spelled).not.toBe(200);
    }
    const detail = (await (
      await fetch(`${server.ui}/api/sessions/${sessionId}`, { headers: AUTH })
    ).json()) as { turns: { id: string; label: { label: string | null } }[] };
    expect(detail.turns.find((turn) => turn.id === turnId)!.label.label).toBeNull();
  });

  test("real static files still load without the token", async () => {
    const page = await fetch(`${server.ui}/`, { headers: AUTH });
    const html = await page.text();
    const asset = /\/_next\/static\/[^"']+\.(?:js|css)/.exec(html)?.[0];
    expect(asset).toBeDefined();
    expect((await fetch(`${server.ui}${asset}`)).status).toBe(200);
  });
});

describe("malformed cookies and headers are answered and their sockets closed", () => {
  const cases: [string, string[]][] = [
    ["bad percent escape in the token cookie", ["Cookie: tracemark_token=%E0%A4%A"]],
    ["lone percent", ["Cookie: tracemark_token=%"]],
    ["invalid UTF-8 escape", ["Cookie: a=%FF; tracemark_token=%C0%AF"]],
    ["empty cookie parts", ["Cookie: ;;=;tracemark_token"]],
    ["huge cookie", [`Cookie: tracemark_token=${"%".repeat(6000)}`]],
    ["bad Authorization", ["Authorization: Bearer %E0%A4%A"]],
    ["bad Host", ["Host: [::1"]],
    ["bad Origin on a PUT", ["Origin: http://%E0%A4%A", "Content-Type: application/json"]],
  ];
  for (const [name, headers] of cases) {
    test(name, async () => {
      for (const target of ["/", "/api/stats", "/login", "/_next/static/x.js"]) {
        const answer = await rawExchange(
          server.ports.ui,
          rawRequestText(server.ports.ui, name.includes("PUT") ? "PUT" : "GET", target, headers),
        );
        expect(answer.status, `${target}`).not.toBeNull();
        if (target !== "/login") expect(answer.status, `${target}`).not.toBe(200);
        expect(answer.closed, `${target}`).toBe(true);
      }
      const otlp = await rawExchange(
        server.ports.otlpHttp,
        rawRequestText(server.ports.otlpHttp, "POST", "/v1/logs", headers, "{}"),
      );
      expect(otlp.status).not.toBeNull();
      expect(otlp.closed).toBe(true);
    });
  }
});

describe("upgrade requests", () => {
  const upgrade = (port: number, target: string, extra: string[] = []): string =>
    rawRequestText(port, "GET", target, [
      "Upgrade: websocket",
      "Connection: Upgrade",
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
      "Sec-WebSocket-Version: 13",
      ...extra,
    ]).replace("Connection: close\r\n", "");

  test("are refused and their sockets destroyed on every HTTP listener, whatever the path or token", async () => {
    for (const port of [server.ports.ui, server.ports.otlpHttp]) {
      for (const target of ["/_next/webpack-hmr", "/", "/api/events", "/v1/logs"]) {
        for (const extra of [[], [`Authorization: Bearer ${TOKEN}`], ["Host: evil.example"]]) {
          const answer = await rawExchange(port, upgrade(port, target, extra));
          expect(answer.closed, `${port} ${target}`).toBe(true);
          expect(answer.status, `${port} ${target}`).not.toBe(101);
          expect(answer.body).not.toContain(TOKEN);
        }
      }
    }
  });

  test("SIGTERM after an upgrade attempt exits promptly", async () => {
    const other = await startServer({ env: { TRACEMARK_TOKEN: TOKEN } });
    // The client keeps its end open, as a stuck WebSocket client would.
    const socket = net.connect(other.ports.ui, "127.0.0.1", () =>
      socket.write(upgrade(other.ports.ui, "/_next/webpack-hmr", [`Authorization: Bearer ${TOKEN}`])),
    );
    socket.on("error", () => {});
    try {
      await new Promise<void>((resolve) => {
        socket.once("data", () => resolve());
        socket.once("close", () => resolve());
        setTimeout(resolve, 3_000); // a hung server never answers: go on with the socket still open
      });
      const exited = new Promise<number | null>((resolve) =>
        other.process.once("exit", (code) => resolve(code)),
      );
      other.process.kill("SIGTERM");
      const code = await Promise.race([
        exited,
        new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), 30_000)),
      ]);
      expect(code).toBe(0);
    } finally {
      socket.destroy();
      await other.kill9();
      fs.rmSync(other.dataDir, { recursive: true, force: true });
    }
  });
});
