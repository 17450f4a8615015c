// Decode throughput on the real captures: `npx tsx bench/decode-throughput.ts [seconds]` from the repo
// root. Reports MB/s and records/s per encoding (protobuf = every .bin body, json = every request .json).
import fs from "node:fs";
import path from "node:path";
import { FIXTURES_DIR as FIXTURES } from "../e2e/support/fixtures-dir";
import { decodeExportRequest, type OtlpEncoding } from "../ingest/otlp/decode";
import type { Signal } from "../ingest/otlp/types";
const BODY = /^\d+-(logs|traces|metrics)\.(bin|json)$/;

interface Body {
  signal: Signal;
  encoding: OtlpEncoding;
  bytes: Buffer;
}

function collect(dir: string, out: Body[]): Body[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const match = BODY.exec(entry.name);
    if (entry.isDirectory()) collect(full, out);
    else if (match) {
      const encoding = match[2] === "bin" ? "protobuf" : "json";
      out.push({ signal: match[1] as Signal, encoding, bytes: fs.readFileSync(full) });
    }
  }
  return out;
}

interface Rates {
  mbPerSecond: number;
  recordsPerSecond: number;
  /** MB per CPU-second: steadier than wall time on a shared, loaded machine. */
  mbPerCpuSecond: number;
}

function measure(bodies: Body[], seconds: number): Rates {
  let bytes = 0;
  let records = 0;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const stop = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < stop) {
    for (const body of bodies) {
      records += decodeExportRequest(body.signal, body.encoding, body.bytes).records;
      bytes += body.bytes.length;
    }
    now = process.hrtime.bigint();
  }
  const elapsed = Number(now - start) / 1e9;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  return {
    mbPerSecond: bytes / 1e6 / elapsed,
    recordsPerSecond: records / elapsed,
    mbPerCpuSecond: bytes / 1e6 / cpuSeconds,
  };
}

const seconds = Number(process.argv[2] ?? 5);
const all = collect(FIXTURES, []);
for (const encoding of ["protobuf", "json"] as const) {
  const bodies = all.filter((b) => b.encoding === encoding);
  const total = bodies.reduce((sum, b) => sum + b.bytes.length, 0);
  measure(bodies, 1); // warm-up: let the JIT settle before timing
  const rates = measure(bodies, seconds);
  console.log(
    `${encoding}: ${bodies.length} bodies, ${(total / 1e6).toFixed(1)} MB → ${rates.mbPerSecond.toFixed(0)} MB/s ` +
      `(${rates.mbPerCpuSecond.toFixed(0)} MB per CPU-second), ` +
      `${Math.round(rates.recordsPerSecond).toLocaleString("en")} records/s`,
  );
}
