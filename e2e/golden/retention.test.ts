// Retention through the real server: an archive holding sessions from long ago, one of them labeled. With
// TRACEMARK_RETENTION_DAYS the unlabeled old session leaves the index and its archive segment is deleted;
// the labeled one stays, with the segment its records came from; today's data is untouched.
import fs from "node:fs";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { toArchiveLine } from "@/ingest/archive/line";
import { decodeExportRequest } from "@/ingest/otlp/decode";
import { replayCapture, readCapture } from "../support/replay";
import { FIXTURES, settledStats, startServer, tempDataDir } from "../support/server";

const dataDir = tempDataDir("tracemark-retention-");
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const YEAR_NS = 365n * 86_400n * 1_000_000_000n;

/** A capture's logs as one archived request, its times and ids moved a year back (an old archive). */
function oldSegmentLine(folder: string, suffix: string): { line: string; sessionId: string } {
  const logs = readCapture(path.join(FIXTURES, folder)).filter((item) => item.signal === "logs");
  const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, folder, "expected.json"), "utf8")) as {
    sessions: { id: string }[];
  };
  const sessionId = expected.sessions[0]!.id;
  const text = JSON.stringify(
    logs.map((item) => decodeExportRequest("logs", "json", item.body).request.resourceLogs ?? []).flat(),
  )
    .replace(
      /"(timeUnixNano|observedTimeUnixNano)":"(\d+)"/g,
      (_m, key: string, ns: string) => `"${key}":"${BigInt(ns) - YEAR_NS}"`,
    )
    .replaceAll(sessionId, sessionId + suffix);
  const line = toArchiveLine(
    {
      receivedAt: Date.now() - 365 * 86_400_000,
      signal: "logs",
      transport: "http",
      encoding: "json",
      contentEncoding: null,
      userAgent: "old",
    },
    JSON.stringify({ resourceLogs: JSON.parse(text) as unknown[] }),
  );
  return { line, sessionId: sessionId + suffix };
}

test("old unlabeled data leaves index and archive; labeled sessions and today's data stay", async () => {
  const day = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const a = oldSegmentLine("claude-code/bash/http-json", "-old-a");
  const b = oldSegmentLine("claude-code/text/http-json", "-old-b");
  for (const [seq, entry] of [
    [1, a],
    [2, b],
  ] as const) {
    const dir = path.join(dataDir, "archive", "logs", day);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `00000${seq}.jsonl`), entry.line + "\n");
  }
  let server = await startServer({ dataDir });
  await replayCapture(path.join(FIXTURES, "gemini-cli", "text", "http"), server);
  await settledStats(server);
  const ids = async (): Promise<string[]> =>
    ((await (await fetch(`${server.ui}/api/sessions`)).json()) as { sessions: { id: string }[] }).sessions
      .map((s) => s.id)
      .sort();
  const before = await ids();
  expect(before).toEqual(expect.arrayContaining([a.sessionId, b.sessionId]));
  const detail = (await (await fetch(`${server.ui}/api/sessions/${a.sessionId}`)).json()) as {
    turns: { id: string }[];
  };
  const put = await fetch(`${server.ui}/api/turns/${detail.turns[0]!.id}/label`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: '{"label":"good"}',
  });
  expect(put.status).toBe(200);
  await server.stop();

  server = await startServer({ dataDir, env: { TRACEMARK_RETENTION_DAYS: "30" } });
  await settledStats(server);
  expect(server.output()).toMatch(/retention dropped 1 sessions, \d+ records, 1 archive segments/);
  const after = await ids();
  expect(after).toContain(a.sessionId);
  expect(after).not.toContain(b.sessionId);
  expect(after.length).toBe(before.length - 1);
  expect(fs.existsSync(path.join(dataDir, "archive", "logs", day, "000001.jsonl.zst"))).toBe(true);
  expect(
    fs.readdirSync(path.join(dataDir, "archive", "logs", day)).filter((f) => f.startsWith("000002")),
  ).toEqual([]);
  await server.stop();
});
