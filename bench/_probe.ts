import { agentTemplates, bodyCycle, fixtureTemplates } from "./load/bodies";
import { httpSender } from "./load/senders";
import { sdkSender } from "./load/sdk-senders";
import { runClosedLoop } from "./load/drive";
import { measureInProcess, startBareServer } from "./limit";
async function main() {
  const t = agentTemplates(16, "protobuf");
  const f = fixtureTemplates("protobuf");
  for (const [n, tt] of [["agent", t], ["fixture", f]] as const) {
    const r = await measureInProcess(bodyCycle(tt), { concurrency: 8, seconds: 3 });
    console.log("inproc", n, r.load.recordsPerSecond, r.indexedRecordsPerSecond, r.indexLagMs, r.busyRetries, JSON.stringify(r.load.latencyMs));
  }
  const b = await startBareServer();
  try {
    for (const [n, s] of [["raw-agent", httpSender(`${b.url}/v1/logs`, "application/x-protobuf", 8, bodyCycle(t))], ["raw-fixture", httpSender(`${b.url}/v1/logs`, "application/x-protobuf", 8, bodyCycle(f))], ["sdk-proto", sdkSender("http-protobuf", { otlpHttp: b.url, grpc: "" }, 8)]] as const) {
      const r = await runClosedLoop(s, { concurrency: 8, seconds: 3 });
      await s.close();
      console.log("bare", n, r.recordsPerSecond, r.requests, JSON.stringify(r.latencyMs), r.generatorCores, r.errors, r.firstError);
    }
  } finally { await b.stop(); }
}
void main();
