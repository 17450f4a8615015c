// Preloaded into the server by the bench's --profile flag (NODE_OPTIONS="--import …/cpu-profile-hook.mjs"):
// Node 20 refuses --cpu-prof in NODE_OPTIONS, so this starts the V8 profiler in-process and writes
// <BENCH_CPU_PROFILE_DIR>/server-<pid>-<thread>.cpuprofile when the process (or the index thread, which
// ingest/worker-boot.mjs also hooks) exits.
import fs from "node:fs";
import inspector from "node:inspector";
import path from "node:path";
import { threadId } from "node:worker_threads";

const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 500 }); // µs; the --cpu-prof default is 1000
  session.post("Profiler.start");
  // In-process inspector sessions dispatch synchronously, so the profile is written before exit completes.
  process.on("exit", () => {
    session.post("Profiler.stop", (error, result) => {
      if (error) return;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(
        path.join(dir, `server-${process.pid}-${threadId}.cpuprofile`),
        JSON.stringify(result.profile),
      );
    });
  });
}
