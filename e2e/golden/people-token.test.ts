// People beside TRACEMARK_TOKEN (docs/team.md "Signing in"): the owner's token still signs in (as the local
// user), a personal token signs in as its person, and a personal token is never an OTLP token.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { postOtlp, readCapture } from "../support/replay";
import { FIXTURES, ROOT, startServer, tempDataDir, type TestServer } from "../support/server";

const OWNER_TOKEN = "owner-token-0123456789abcdef";
const dataDir = tempDataDir("tracemark-people-token-");
let server: TestServer;
let annToken = "";

beforeAll(async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", "scripts/users.ts", "add", "ann"],
    { cwd: ROOT, env: { ...process.env, TRACEMARK_DATA_DIR: dataDir }, encoding: "utf8" },
  );
  annToken = stdout.trim();
  server = await startServer({ dataDir, env: { TRACEMARK_TOKEN: OWNER_TOKEN, TRACEMARK_USER: "owner" } });
}, 180_000);

afterAll(async () => {
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const me = async (headers: Record<string, string>): Promise<string> => {
  const response = await fetch(`${server.ui}/api/people`, { headers });
  expect(response.status).toBe(200);
  return ((await response.json()) as { me: string }).me;
};

test("a personal token is not an OTLP token; TRACEMARK_TOKEN is", async () => {
  const [item] = readCapture(path.join(FIXTURES, "codex", "simple_text", "http-json"));
  const refused = await postOtlp(server.otlpHttp, item!, { authorization: `Bearer ${annToken}` });
  expect(refused.status).toBe(401);
  const accepted = await postOtlp(server.otlpHttp, item!, { authorization: `Bearer ${OWNER_TOKEN}` });
  expect(accepted.status).toBe(200);
});

test("the owner's token acts as the local user, a personal token as its person", async () => {
  expect(await me({ authorization: `Bearer ${OWNER_TOKEN}` })).toBe("owner");
  expect(await me({ authorization: `Bearer ${annToken}` })).toBe("ann");
  for (const [token, name] of [
    [OWNER_TOKEN, "owner"],
    [annToken, "ann"],
  ] as const) {
    const login = await fetch(`${server.ui}/login`, {
      method: "POST",
      body: new URLSearchParams({ token, next: "/" }),
      redirect: "manual",
    });
    expect(login.status).toBe(303);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
    expect(cookie).not.toContain(token);
    expect(await me({ cookie })).toBe(name);
  }
  const anonymous = await fetch(`${server.ui}/api/people`);
  expect(anonymous.status).toBe(401);
  expect(await anonymous.text()).toMatch(/its token \(TRACEMARK_TOKEN\) or a personal token/);
});
