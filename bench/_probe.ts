import fs from "node:fs";
import { startServer } from "../e2e/support/server";
async function main(){
const t0 = Date.now();
const s = await startServer();
console.log("start ms", Date.now() - t0, s.process.pid);
const st = fs.readFileSync(`/proc/${s.process.pid}/status`, "utf8").match(/VmHWM:.*|VmRSS:.*/g);
console.log(st);
fs.writeFileSync(`/proc/${s.process.pid}/clear_refs`, "5");
console.log(fs.readFileSync(`/proc/${s.process.pid}/status`, "utf8").match(/VmHWM:.*|VmRSS:.*/g));
const t1 = Date.now();
const r = await fetch(`${s.ui}/api/stats`); console.log(await r.text(), Date.now() - t1);
console.log(fs.readFileSync(`/proc/${s.process.pid}/stat`, "utf8").split(" ").slice(13, 15));
await s.stop();

}
void main();
