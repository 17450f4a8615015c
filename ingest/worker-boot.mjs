// Starts a worker thread on a TypeScript entry: `--import tsx` on the command line does not reach worker
// threads in Node 20, so the worker registers tsx's loaders (ES modules and CommonJS) itself, then imports it.
import { workerData } from "node:worker_threads";
import { register as registerCjs } from "tsx/cjs/api";
import { register } from "tsx/esm/api";

register();
registerCjs();
// `npm run bench -- --profile DIR` profiles this thread too (the hook's --import reaches only the main thread).
if (process.env.BENCH_CPU_PROFILE_DIR) await import("../bench/cpu-profile-hook.mjs");
await import(workerData.entry);
