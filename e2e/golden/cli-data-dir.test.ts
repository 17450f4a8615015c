// `npm run export`, `reindex` and `doctor` refuse a data dir that holds no index (reindex: neither an index
// nor an archive) with a non-zero exit and a message naming the dir, from `--data-dir` or TRACEMARK_DATA_DIR.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, test } from "vitest";
import { ROOT, tempDataDir } from "../support/server";

const run = promisify(execFile);
const empty = tempDataDir("tracemark-no-index-");
afterAll(() => fs.rmSync(empty, { recursive: true, force: true }));

async function runScript(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", "tsx", `scripts/${script}.ts`, ...args],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          PORT: "0",
          TRACEMARK_OTLP_HTTP_PORT: "0",
          TRACEMARK_OTLP_GRPC_PORT: "0",
          ...env,
        },
        timeout: 60_000,
      },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

const EXPORT_ARGS = ["--label", "all", "--format", "turns"];

test.each([
  ["export", EXPORT_ARGS],
  ["reindex", []],
  ["doctor", []],
])("%s --data-dir /nonexistent exits non-zero naming the dir, and creates nothing", async (script, args) => {
  const missing = path.join(empty, "nonexistent");
  const result = await runScript(script, [...args, "--data-dir", missing]);
  expect(result.code).toBe(2);
  expect(result.output).toContain(missing);
  expect(result.output).toContain("not a tracemark data dir");
  expect(fs.existsSync(missing)).toBe(false);
});

test.each([
  ["export", EXPORT_ARGS],
  ["reindex", []],
  ["doctor", []],
])("%s honours TRACEMARK_DATA_DIR and refuses an existing dir without an index", async (script, args) => {
  const result = await runScript(script, args, { TRACEMARK_DATA_DIR: empty });
  expect(result.code).toBe(2);
  expect(result.output).toContain(empty);
  expect(fs.existsSync(path.join(empty, "index.sqlite"))).toBe(false);
});

test("an unknown option is refused", async () => {
  const result = await runScript("reindex", ["--data-dri", empty]);
  expect(result.code).not.toBe(0);
  expect(result.output).toContain("data-dri");
});
