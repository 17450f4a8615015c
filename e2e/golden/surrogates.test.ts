// Lone UTF-16 surrogates in OTLP/JSON strings ("\ud800" in attributes, a body, a prompt, even a session id):
// every archive line stays strict UTF-8 JSON that `jq` reads (they become U+FFFD), and the session is served.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { decompress } from "@mongodb-js/zstd";
import { afterAll, expect, test } from "vitest";
import { settledStats, startServer, type TestServer } from "../support/server";
import { claudeSessionsBody, getSession } from "../support/sessions";

let server: TestServer | undefined;
afterAll(async () => {
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

interface KeyValue {
  key: string;
  value: { stringValue?: string };
}
interface LogsBody {
  resourceLogs: {
    scopeLogs: { logRecords: { body?: { stringValue?: string }; attributes: KeyValue[] }[] }[];
  }[];
}

/** A one-turn Claude Code session whose prompt, bodies and an extra attribute carry lone surrogates. */
function hostileBody(sessionId: string): string {
  const body = JSON.parse(claudeSessionsBody([sessionId]).toString()) as LogsBody;
  for (const record of body.resourceLogs[0]!.scopeLogs[0]!.logRecords) {
    record.attributes.push({ key: "lone.\udfff", value: { stringValue: "high \ud800 low \udc00 end" } });
    for (const attr of record.attributes)
      if (attr.key === "prompt") attr.value.stringValue = "list\ud83d files";
  }
  const text = JSON.stringify(body); // writes each lone surrogate as a \udXXX escape, as an exporter would
  expect(text).toContain("\\ud800");
  return text;
}

function strictLines(file: string, data: Buffer): unknown[] {
  const text = new TextDecoder("utf-8", { fatal: true }).decode(data);
  return text
    .split("\n")
    .filter(Boolean)
    .map((line, i) => {
      expect(line, `${file} line ${i} has no lone surrogate escape`).not.toMatch(
        /(?<!\\)\\ud[89a-f][0-9a-f]{2}/i,
      );
      return JSON.parse(line) as unknown;
    });
}

test("lone surrogates become U+FFFD: archive lines parse strictly (and with jq), the session is served", async () => {
  server = await startServer();
  const sessionId = "surrogate-\ud800-session";
  const response = await fetch(`${server.otlpHttp}/v1/logs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: hostileBody(sessionId),
  });
  expect(response.status).toBe(200);
  await settledStats(server);

  const root = path.join(server.dataDir, "archive", "logs");
  const files = fs
    .readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.jsonl(\.zst)?$/.test(file));
  expect(files.length).toBeGreaterThan(0);
  let lines = 0;
  for (const file of files) {
    const raw = fs.readFileSync(path.join(root, file));
    lines += strictLines(file, file.endsWith(".zst") ? await decompress(raw) : raw).length;
    const jq = (() => {
      try {
        return execFileSync("which", ["jq"]).toString().trim();
      } catch {
        return null;
      }
    })();
    if (jq && !file.endsWith(".zst")) execFileSync(jq, ["-c", ".v"], { input: raw }); // throws if jq cannot read a line
  }
  expect(lines).toBe(1);

  const served = await getSession(server.ui, "surrogate-\ufffd-session");
  expect(served, "the session is served under its well-formed id").not.toBeNull();
  const turns = served!.turns as unknown as { prompt: string | null }[];
  expect(turns).toHaveLength(1);
  expect(turns[0]!.prompt).toBe("list\ufffd files");
  const list = (await (await fetch(`${server.ui}/api/sessions`)).json()) as { sessions: { id: string }[] };
  expect(list.sessions.map((session) => session.id)).toEqual(["surrogate-\ufffd-session"]);
}, 120_000);
