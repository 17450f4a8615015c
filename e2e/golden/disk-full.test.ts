// A full disk: the data dir on a small tmpfs. Ingest must answer 503 with Retry-After (never acknowledge
// what it could not archive), show the condition in /api/stats, and recover by itself once space returns.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { postOtlp, readCapture } from "../support/replay";
import { FIXTURES, settledStats, startServer, tempDataDir, type TestServer } from "../support/server";

const isRoot = process.getuid?.() === 0; // mounting a tmpfs needs root (CI runs as root on this machine)
const mountPoint = tempDataDir("tracemark-diskfull-");
let server: TestServer | undefined;

afterAll(async () => {
  await server?.stop();
  if (isRoot) execFileSync("umount", ["-l", mountPoint]);
  fs.rmSync(mountPoint, { recursive: true, force: true });
});

test.skipIf(!isRoot)(
  "a full disk gives 503 + Retry-After, then ingest recovers by itself",
  async () => {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=3m", "tmpfs", mountPoint]);
    server = await startServer({ dataDir: path.join(mountPoint, "data") });
    const template = readCapture(path.join(FIXTURES, "codex", "multi_turn", "http-json")).find(
      (item) => item.signal === "traces",
    )!;
    let k = 0;
    const unique = (): Buffer =>
      Buffer.from(
        template.body
          .toString()
          .replace(
            /"startTimeUnixNano":"(\d+)"/,
            (_m, ns: string) => `"startTimeUnixNano":"${BigInt(ns) + BigInt(++k)}"`,
          ),
      );

    let refused: Response | undefined;
    for (let i = 0; i < 40 && !refused; i++) {
      const response = await postOtlp(server.otlpHttp, { ...template, body: unique() });
      if (response.status !== 200) refused = response;
    }
    expect(refused?.status).toBe(503);
    expect(refused?.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await refused?.text()).toMatch(/archive not writable/);
    const stats = (await (await fetch(`${server.ui}/api/stats`)).json()) as { storage_error: string | null };
    expect(stats.storage_error).toMatch(/not writable/);

    execFileSync("mount", ["-o", "remount,size=64m", mountPoint]);
    const after = await postOtlp(server.otlpHttp, { ...template, body: unique() });
    expect(after.status).toBe(200);
    const recovered = await settledStats(server);
    expect(recovered.storage_error).toBeNull();
  },
  120_000,
);
