// Golden replay, one test per capture folder (walked, not listed): the folder's bodies go through the real
// endpoints of a fresh server on their own transport; the index, the archive and the sessions API must
// match the folder's expected.json.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { decodeExportRequest } from "@/ingest/otlp/decode";
import { readArchive } from "../support/archive";
import { listCaptureFolders, readCapture, replayCapture } from "../support/replay";
import { FIXTURES, settledStats, startServer, type TestServer } from "../support/server";
import { expectExportMatches, expectSessionsMatch, type Expected } from "../support/expected";

const running = new Set<TestServer>();
afterAll(async () => {
  await Promise.all([...running].map((server) => server.stop()));
});

describe.concurrent("golden replay", () => {
  for (const folder of listCaptureFolders()) {
    const name = path.relative(FIXTURES, folder);
    test(name, async () => {
      const expected = JSON.parse(fs.readFileSync(path.join(folder, "expected.json"), "utf8")) as Expected;
      const bodies = readCapture(folder);
      const server = await startServer({});
      running.add(server);
      try {
        await replayCapture(folder, server, bodies);
        const stats = await settledStats(server);
        const counts = expected.record_counts;
        expect({
          log_records: stats.log_records,
          spans: stats.spans,
          metric_points: stats.metric_points,
        }).toEqual({
          log_records: counts.log_records,
          spans: counts.spans,
          metric_points: counts.metric_data_points,
        });
        expect(stats.requests).toBe(counts.requests.logs + counts.requests.traces + counts.requests.metrics);

        // The archive holds one line per request, whose canonical request has exactly the records sent.
        for (const signal of ["logs", "traces", "metrics"] as const) {
          const sent = bodies.filter((item) => item.signal === signal);
          const lines = await readArchive(server.dataDir, signal);
          expect(lines).toHaveLength(counts.requests[signal]);
          sent.forEach((item, i) => {
            const encoding = item.contentType.includes("json") ? "json" : "protobuf";
            expect(lines[i]!.request, item.file).toEqual(
              decodeExportRequest(signal, encoding, item.body).request,
            );
            expect(lines[i]!.transport).toBe(item.transport);
          });
        }

        await expectSessionsMatch(server.ui, expected);
        await expectExportMatches(server.ui, expected);
      } finally {
        await server.stop();
        running.delete(server);
        fs.rmSync(server.dataDir, { recursive: true, force: true });
      }
    });
  }
});
