// Starts a worker thread on a TypeScript entry: `--import tsx` on the command line does not reach worker
// threads in Node 20, so the worker registers tsx's loaders (ES modules and CommonJS) itself, then imports it.
import { workerData } from "node:worker_threads";
import { register as registerCjs } from "tsx/cjs/api";
import { register } from "tsx/esm/api";

register();
registerCjs();
await import(workerData.entry);
