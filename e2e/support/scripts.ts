// Runs one of the offline scripts (`npm run doctor`, `npm run reindex`, `npm run users`) on a data dir, as a
// person would.
import { spawn, spawnSync } from "node:child_process";
import { ROOT } from "./server";

/** The script's environment: this data dir, and no listener of its own. */
function scriptEnv(dataDir: string, env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TRACEMARK_DATA_DIR: dataDir,
    PORT: "0",
    TRACEMARK_OTLP_HTTP_PORT: "0",
    TRACEMARK_OTLP_GRPC_PORT: "0",
    ...env,
  };
}

export function runScript(
  script: "doctor" | "reindex",
  dataDir: string,
  env: Record<string, string> = {},
): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", `scripts/${script}.ts`], {
    cwd: ROOT,
    env: scriptEnv(dataDir, env),
    encoding: "utf8",
    timeout: 240_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The same without blocking this process: needed when this process serves what the script talks to (the
 * test's S3 server, e2e/support/s3-server.ts). `stdout` alone, for what a script prints to be read (a token). */
export function runScriptAsync(
  script: "doctor" | "reindex" | "users",
  dataDir: string,
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<{ status: number | null; output: string; stdout: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", `scripts/${script}.ts`, ...args], {
    cwd: ROOT,
    env: scriptEnv(dataDir, env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 240_000);
  return new Promise((resolve) =>
    child.once("close", (status) => {
      clearTimeout(timer);
      resolve({ status, output, stdout });
    }),
  );
}
