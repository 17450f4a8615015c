import { startServer } from "../e2e/support/server";
import { sdkSender } from "./load/sdk-senders";
import { runClosedLoop } from "./load/drive";
async function main() {
  const s = await startServer({ env: { NODE_OPTIONS: "--import " + process.cwd() + "/bench/cpu-profile-hook.mjs", BENCH_CPU_PROFILE_DIR: "/tmp/prof" } });
  try {
    const snd = sdkSender("http-protobuf", s, 8);
    const r = await runClosedLoop(snd, { concurrency: 8, seconds: 5 });
    await snd.close();
    console.log(r.recordsPerSecond, JSON.stringify(r.latencyMs), r.generatorCores);
    await fetch(`${s.ui}/api/stats?settle=1`);
  } finally { await s.stop(); }
}
void main();
