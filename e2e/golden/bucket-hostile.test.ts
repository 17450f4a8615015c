// A bucket archive that cannot be used or holds damage, through the real server and a real S3-compatible
// server: a malformed TRACEMARK_ARCHIVE_URL, wrong credentials, a missing bucket or an unreachable endpoint
// stop the start with one sentence naming the setting (no stack trace); a damaged segment or pending object
// is reported like local damage (log, banner, doctor) and everything else is indexed.
import fs from "node:fs";
import { compress } from "@mongodb-js/zstd";
import { afterAll, beforeAll, expect, test } from "vitest";
import { toArchiveLine } from "@/ingest/archive/line";
import { startS3, type TestS3 } from "../support/s3-server";
import { runScriptAsync } from "../support/scripts";
import { freePort, settledStats, startServer, tempDataDir } from "../support/server";

let s3: TestS3;
const dirs: string[] = [];
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => {
  await s3.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function startFailure(env: Record<string, string>): Promise<string> {
  const dataDir = tempDataDir();
  dirs.push(dataDir);
  const error = await startServer({ dataDir, ui: false, env }).then(
    async (server) => {
      await server.stop();
      return new Error("the server started");
    },
    (failure: Error) => failure,
  );
  expect(error.message).toMatch(/server exited with 1/);
  expect(error.message, "no stack trace").not.toMatch(/\n\s+at /);
  return error.message;
}

test("unusable archive settings stop the start with a message that names the setting", async () => {
  expect(await startFailure(s3.env("x", { TRACEMARK_ARCHIVE_URL: "s3:/tracemark" }))).toMatch(
    /cannot start: TRACEMARK_ARCHIVE_URL=s3:\/tracemark is not an s3:\/\/ address/,
  );
  expect(await startFailure(s3.env("x", { AWS_ACCESS_KEY_ID: "WRONG" }))).toMatch(
    /cannot start: bucket tracemark-test \(TRACEMARK_ARCHIVE_URL=s3:\/\/tracemark-test\/x\) refused these credentials .*AWS_ACCESS_KEY_ID/,
  );
  expect(await startFailure(s3.env("x", { TRACEMARK_ARCHIVE_URL: "s3://no-such-bucket/x" }))).toMatch(
    /cannot start: bucket no-such-bucket .* does not exist/,
  );
  const nothing = `http://127.0.0.1:${await freePort()}`;
  expect(await startFailure(s3.env("x", { AWS_ENDPOINT_URL_S3: nothing }))).toMatch(
    /cannot start: bucket tracemark-test .* is unreachable .*AWS_ENDPOINT_URL_S3/,
  );
}, 240_000);

const day = new Date().toISOString().slice(0, 10);
function line(n: number): string {
  const meta = {
    receivedAt: Date.now(),
    signal: "logs",
    transport: "http",
    encoding: "json",
    contentEncoding: null,
    userAgent: null,
  } as const;
  const request = {
    resourceLogs: [
      { scopeLogs: [{ logRecords: [{ timeUnixNano: String(n), body: { stringValue: `r${n}` } }] }] },
    ],
  };
  return toArchiveLine(meta, JSON.stringify(request)) + "\n";
}
const zst = async (text: string): Promise<Buffer> => compress(Buffer.from(text));

test("a damaged segment and a damaged pending object are reported; the rest is indexed", async () => {
  const prefix = "damage";
  // Another replica's closed segments (one fine, one damaged) and open segment (a damaged first group commit
  // of 2 lines, then a good one), plus keys that are not ours at all.
  await s3.put(`${prefix}/logs/${day}/000001-aaaa.jsonl.zst`, await zst(line(1) + line(2)));
  await s3.put(`${prefix}/logs/${day}/000002-aaaa.jsonl.zst`, Buffer.from("not a zstd frame"));
  await s3.put(`${prefix}/pending/bbbb/logs/${day}/000001/000000000.jsonl.zst`, Buffer.from("torn"));
  await s3.put(`${prefix}/pending/bbbb/logs/${day}/000001/000000002.jsonl.zst`, await zst(line(3)));
  await s3.put(`${prefix}/logs/${day}/notes.txt`, Buffer.from("hello"));
  await s3.put(`${prefix}/pending/Not Ours/logs/${day}/1/2.jsonl.zst`, await zst(line(4)));

  const dataDir = tempDataDir();
  dirs.push(dataDir);
  const server = await startServer({ dataDir, env: s3.env(prefix) });
  try {
    const stats = await settledStats(server);
    expect(stats).toMatchObject({ requests: 3, log_records: 3 });
    const banner = String(stats.storage_error);
    expect(banner).toMatch(/2 damaged segments skipped/);
    expect(banner).toContain(`s3://tracemark-test/${prefix}/logs/${day}/000002-aaaa.jsonl.zst`);
    expect(banner).toContain(
      `s3://tracemark-test/${prefix}/pending/bbbb/logs/${day}/000001/000000000.jsonl.zst`,
    );
    // Live ingest into the same bucket goes on beside the damage.
    const response = await fetch(`${server.otlpHttp}/v1/logs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ timeUnixNano: "5" }] }] }] }),
    });
    expect(response.status).toBe(200);
  } finally {
    await server.stop();
  }
  // The damaged objects are kept as they are, for inspection.
  expect((await s3.get(`${prefix}/logs/${day}/000002-aaaa.jsonl.zst`)).toString()).toBe("not a zstd frame");
  expect(await s3.list(`${prefix}/pending/bbbb/`)).toHaveLength(2);

  const doctor = await runScriptAsync("doctor", dataDir, s3.env(prefix));
  expect(doctor.output).toMatch(/✓ archive bucket s3:\/\/tracemark-test\/damage is reachable and writable/);
  expect(doctor.output).toMatch(
    /✗ archive segment s3:\/\/tracemark-test\/damage\/logs\/.*000002-aaaa.jsonl.zst is unreadable/,
  );
  expect(doctor.output).toMatch(
    /✗ archive object s3:\/\/tracemark-test\/damage\/pending\/bbbb\/.* is unreadable/,
  );
  expect(doctor.status).toBe(1);
}, 240_000);
