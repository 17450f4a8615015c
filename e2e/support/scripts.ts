// Runs one of the offline scripts (`npm run doctor`, `npm run reindex`) on a data dir, as a person would.
import { spawnSync } from "node:child_process";
import { ROOT } from "./server";

export function runScript(
  script: "doctor" | "reindex",
  dataDir: string,
  env: Record<string, string> = {},
): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", `scripts/${script}.ts`], {
    cwd: ROOT,
    env: {
      ...process.env,
      TRACEMARK_DATA_DIR: dataDir,
      PORT: "0",
      TRACEMARK_OTLP_HTTP_PORT: "0",
      TRACEMARK_OTLP_GRPC_PORT: "0",
      ...env,
    },
    encoding: "utf8",
    timeout: 240_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
