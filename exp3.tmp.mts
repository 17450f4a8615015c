import { GrpcExporter } from "./e2e/support/replay.ts";
const field = (tag: number, payload: Buffer): Buffer => {
  const length: number[] = []; let n = payload.length;
  while (n >= 0x80) { length.push((n & 0x7f) | 0x80); n >>>= 7; }
  length.push(n); return Buffer.concat([Buffer.from([(tag << 3) | 2, ...length]), payload]);
};
const body = field(1, field(2, field(2, field(5, field(1, Buffer.alloc(6 * 2 ** 20 - 1024, "x"))))));
const cs = Array.from({ length: 10 }, () => new GrpcExporter("127.0.0.1:47117"));
const r = await Promise.all(Array.from({ length: 100 }, (_, i) => cs[i % 10].export("logs", body).then(() => "ok", (e) => `${e.code} ${e.details}`)));
const counts = {}; for (const x of r) counts[x] = (counts[x] ?? 0) + 1;
console.log(counts);
cs.forEach((c) => c.close());
