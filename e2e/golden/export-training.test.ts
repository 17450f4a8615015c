// The training exports through their real entry points (GET /api/export, the CLI) over captures replayed
// through the real OTLP endpoints and labeled through the real label API: `dpo` pairs from a correction and
// from one prompt answered in two sessions (the same Claude Code fixture captured over two protocols),
// `messages` with the correction, `preference` with reasons, `eval` as OTLP that our decoder and
// otlp-transformer agree on and a server accepts, and the dataset card and manifest beside every file.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { unzipSync, strFromU8 } from "fflate";
import { parse as parseYaml } from "yaml";
import { ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { JsonLogsSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { decodeExportRequest } from "@/ingest/otlp/decode";
import type { OtlpAnyValue } from "@/ingest/otlp/types";
import { TRACEMARK_VERSION } from "@/lib/version";
import { postOtlp, replayCapture } from "../support/replay";
import { FIXTURES, ROOT, settledStats, startServer, type TestServer } from "../support/server";

const run = promisify(execFile);
const SAME_PROMPT = ["claude-code/bash/grpc", "claude-code/bash/http-json"];
const FOLDERS = [...SAME_PROMPT, "codex/multi_turn/http-json"];

interface TurnLine {
  session_id: string;
  turn_id: string;
  client: string;
  prompt: string | null;
  response: string | null;
  label: string | null;
}
interface Message {
  role: string;
  content: string | null;
}
interface DpoRow {
  prompt: Message[];
  chosen: Message[];
  rejected: Message[];
  metadata: {
    source: string;
    chosen: { turn_id: string; corrected: boolean };
    rejected: { turn_id: string; reasons: string[]; note: string | null };
  };
}

let server: TestServer;
let sameA: TurnLine; // labeled good
let sameB: TurnLine; // labeled bad, with reasons and a note
let corrected: TurnLine; // codex turn 2, with a correction
const CORRECTION = "2 + 2 = 4.";

const put = (id: string, body: object): Promise<Response> =>
  fetch(`${server.ui}/api/turns/${id}/label`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

async function exportLines<T>(query: string): Promise<T[]> {
  const response = await fetch(`${server.ui}/api/export?${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.text())
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);
}

beforeAll(async () => {
  server = await startServer();
  for (const folder of FOLDERS) await replayCapture(path.join(FIXTURES, folder), server);
  await settledStats(server);
  const turns = await exportLines<TurnLine>("label=all&format=turns&redact=false");
  const same = turns.filter((turn) => turn.prompt === "List the files in the current directory.");
  expect(same).toHaveLength(2);
  expect(new Set(same.map((turn) => turn.session_id)).size).toBe(2);
  [sameA, sameB] = same as [TurnLine, TurnLine];
  corrected = turns.find((turn) => turn.prompt?.startsWith("Second question"))!;
  expect((await put(sameA.turn_id, { label: "good", reasons: ["great-solution"] })).status).toBe(200);
  expect(
    (
      await put(sameB.turn_id, {
        label: "bad",
        reasons: ["too-many-steps", "incomplete"],
        note: "listed . and ..",
      })
    ).status,
  ).toBe(200);
  expect(
    (await put(corrected.turn_id, { label: "bad", correction: CORRECTION, reasons: ["wrong-approach"] }))
      .status,
  ).toBe(200);
}, 180_000);

afterAll(async () => {
  await server.stop();
  fs.rmSync(server.dataDir, { recursive: true, force: true });
});

describe("dpo", () => {
  test("one pair from the correction and one from the same prompt labeled good and bad", async () => {
    const rows = await exportLines<DpoRow>("format=dpo&redact=false");
    expect(rows).toHaveLength(2);
    const fromCorrection = rows.find((row) => row.metadata.source === "correction")!;
    expect(fromCorrection.prompt).toEqual([{ role: "user", content: corrected.prompt }]);
    expect(fromCorrection.chosen.at(-1)).toEqual({ role: "assistant", content: CORRECTION });
    expect(fromCorrection.rejected.at(-1)).toEqual({ role: "assistant", content: corrected.response });
    expect(fromCorrection.metadata.chosen).toMatchObject({ turn_id: corrected.turn_id, corrected: true });

    const fromLabels = rows.find((row) => row.metadata.source === "labels")!;
    expect(fromLabels.prompt).toEqual([
      { role: "user", content: "List the files in the current directory." },
    ]);
    expect(fromLabels.metadata.chosen.turn_id).toBe(sameA.turn_id);
    expect(fromLabels.metadata.rejected).toMatchObject({
      turn_id: sameB.turn_id,
      reasons: ["too-many-steps", "incomplete"],
      note: "listed . and ..",
    });
    expect(fromLabels.chosen.at(-1)).toEqual({ role: "assistant", content: sameA.response });
    expect(fromLabels.rejected.at(-1)).toEqual({ role: "assistant", content: sameB.response });
    // the agent's tool steps come before the answer, as in `messages`
    expect(fromLabels.chosen.map((m) => m.role)).toEqual(["assistant", "tool", "assistant"]);

    const count = (await (await fetch(`${server.ui}/api/export/count?format=dpo`)).json()) as {
      pairs: number;
    };
    expect(count.pairs).toBe(2);
    // filters apply: only the Codex session has the correction pair
    expect(await exportLines<DpoRow>("format=dpo&client=codex")).toHaveLength(1);
    expect(await exportLines<DpoRow>("format=dpo&reason=incomplete")).toHaveLength(0); // the good side lacks it
  });

  test("labeling both answers good leaves no label pair", async () => {
    await put(sameB.turn_id, { label: "good" });
    expect((await exportLines<DpoRow>("format=dpo")).map((row) => row.metadata.source)).toEqual([
      "correction",
    ]);
    await put(sameB.turn_id, { label: "bad" });
  });
});

describe("messages and preference", () => {
  test("messages use the correction as the final answer unless original=true", async () => {
    type Row = { turn_id: string; corrected: boolean; reasons: string[]; messages: Message[] };
    const rows = await exportLines<Row>(
      `format=messages&label=all&session=${corrected.session_id}&redact=false`,
    );
    const row = rows.find((r) => r.turn_id === corrected.turn_id)!;
    expect(row).toMatchObject({ corrected: true, reasons: ["wrong-approach"] });
    expect(row.messages.at(-1)).toEqual({ role: "assistant", content: CORRECTION });
    const original = (
      await exportLines<Row>(
        `format=messages&label=all&session=${corrected.session_id}&original=true&redact=false`,
      )
    ).find((r) => r.turn_id === corrected.turn_id)!;
    expect(original.corrected).toBe(false);
    expect(original.messages.at(-1)).toEqual({ role: "assistant", content: corrected.response });
  });

  test("preference rows carry reasons; reason= filters them", async () => {
    const rows = await exportLines<{ label: boolean; reasons: string[] }>("format=preference");
    expect(rows.map((row) => row.reasons).sort()).toEqual(
      [["great-solution"], ["too-many-steps", "incomplete"], ["wrong-approach"]].sort(),
    );
    expect(await exportLines("format=preference&reason=incomplete")).toHaveLength(1);
  });

  test("bad options get 400 naming the option", async () => {
    for (const [query, name] of [
      ["reason=Not%20An%20Id", "reason"],
      ["format=parquet", "format"],
      ["colour=1", "colour"],
      ["bundle=tar", "bundle"],
    ]) {
      const response = await fetch(`${server.ui}/api/export?${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.text()).toContain(name);
    }
  });
});

interface EvalLine {
  resourceLogs: {
    scopeLogs: {
      logRecords: {
        traceId?: string;
        spanId?: string;
        timeUnixNano: string;
        attributes: { key: string; value: Record<string, unknown> }[];
      }[];
    }[];
  }[];
}

describe("eval", () => {
  test("one OTLP/JSON request per labeled turn, decoded by our OTLP decoder, with label, note, reasons and ids", async () => {
    const response = await fetch(`${server.ui}/api/export?format=eval&redact=false`);
    const lines = (await response.text()).split("\n").filter(Boolean);
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      const decoded = decodeExportRequest("logs", "json", new TextEncoder().encode(line));
      expect(decoded.records).toBe(1);
      const record = decoded.request.resourceLogs![0]!.scopeLogs![0]!.logRecords![0]!;
      expect(record.eventName).toBe("gen_ai.evaluation.result");
      const attrs: Record<string, OtlpAnyValue | undefined> = Object.fromEntries(
        (record.attributes ?? []).map((kv): [string, OtlpAnyValue | undefined] => [kv.key ?? "", kv.value]),
      );
      expect(attrs["gen_ai.evaluation.name"]).toEqual({ stringValue: "tracemark.label" });
      const turnId = attrs["tracemark.turn.id"]!.stringValue!;
      const expected =
        turnId === sameA.turn_id
          ? { label: "good", reasons: ["great-solution"], note: undefined }
          : turnId === sameB.turn_id
            ? { label: "bad", reasons: ["too-many-steps", "incomplete"], note: "listed . and .." }
            : { label: "bad", reasons: ["wrong-approach"], note: undefined };
      expect(attrs["gen_ai.evaluation.score.label"]).toEqual({ stringValue: expected.label });
      expect(attrs["gen_ai.evaluation.explanation"]?.stringValue).toBe(expected.note);
      expect(attrs["tracemark.evaluation.reasons"]!.arrayValue!.values!.map((v) => v.stringValue)).toEqual(
        expected.reasons,
      );
      expect(attrs["tracemark.session.id"]!.stringValue).toBeTruthy();
      // every capture here sent traces: the record points at a span of the turn
      const records = (await (await fetch(`${server.ui}/api/turns/${turnId}/records`)).json()) as {
        traces: { traceId: string; spanId: string }[];
      };
      expect(records.traces.length).toBeGreaterThan(0);
      expect(
        records.traces.some((span) => span.traceId === record.traceId && span.spanId === record.spanId),
      ).toBe(true);
    }
  });

  test("matches what otlp-transformer's JSON serializer writes for the same SDK log record", async () => {
    const [line] = (await exportLines<EvalLine>(`format=eval&session=${sameB.session_id}`)) as [EvalLine];
    const ours = line.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!;

    const exporter = new InMemoryLogRecordExporter();
    const provider = new LoggerProvider({
      resource: resourceFromAttributes({ "service.name": "tracemark", "service.version": TRACEMARK_VERSION }),
      processors: [new SimpleLogRecordProcessor({ exporter })],
    });
    const timeMs = Number(BigInt(ours.timeUnixNano) / 1_000_000n);
    provider.getLogger("tracemark.export", TRACEMARK_VERSION).emit({
      timestamp: timeMs,
      observedTimestamp: timeMs,
      severityNumber: 9,
      severityText: "INFO",
      eventName: "gen_ai.evaluation.result",
      attributes: {
        "gen_ai.evaluation.name": "tracemark.label",
        "gen_ai.evaluation.score.label": "bad",
        "gen_ai.evaluation.explanation": "listed . and ..",
        "tracemark.evaluation.reasons": ["too-many-steps", "incomplete"],
        "tracemark.session.id": sameB.session_id,
        "tracemark.turn.id": sameB.turn_id,
      },
      context: trace.setSpanContext(ROOT_CONTEXT, {
        traceId: ours.traceId!,
        spanId: ours.spanId!,
        traceFlags: 0,
      }),
    });
    const sdk = JsonLogsSerializer.serializeRequest(exporter.getFinishedLogRecords())!;
    await provider.shutdown();

    // Compare the canonical forms our decoder gives both, on the attributes the SDK record has: the SDK
    // writes whole numbers as intValue, so our double `score.value` and the extra attributes are left aside.
    const canonical = (body: Uint8Array) => {
      const request = decodeExportRequest("logs", "json", body).request;
      const record = request.resourceLogs![0]!.scopeLogs![0]!.logRecords![0]!;
      return { request, record };
    };
    const theirs = canonical(sdk);
    const mine = canonical(new TextEncoder().encode(JSON.stringify(line)));
    const keys = new Set((theirs.record.attributes ?? []).map((kv) => kv.key));
    mine.record.attributes = (mine.record.attributes ?? []).filter((kv) => keys.has(kv.key));
    expect(JSON.stringify(mine.request)).toBe(JSON.stringify(theirs.request));
  });

  test("a tracemark server accepts the lines at /v1/logs", async () => {
    const before = await settledStats(server);
    const body = await (await fetch(`${server.ui}/api/export?format=eval`)).text();
    for (const line of body.split("\n").filter(Boolean)) {
      const response = await postOtlp(server.otlpHttp, {
        signal: "logs",
        contentType: "application/json",
        body: Buffer.from(line),
      });
      expect(response.status).toBe(200);
    }
    const after = await settledStats(server);
    expect(after.log_records).toBe((before.log_records as number) + 3);
  });
});

describe("card and manifest", () => {
  function checkDataset(
    files: { jsonl: Buffer; card: string; manifest: string },
    format: string,
    rows: number,
  ): void {
    const manifest = JSON.parse(files.manifest) as {
      sha256: string;
      rows: number;
      bytes: number;
      format: string;
      filters: Record<string, unknown>;
      counts: { by_client: Record<string, number> };
    };
    expect(manifest.sha256).toBe(createHash("sha256").update(files.jsonl).digest("hex"));
    expect(manifest).toMatchObject({ rows, bytes: files.jsonl.length, format });
    expect(manifest.filters).toMatchObject({ format, redact: true });
    expect(files.jsonl.toString().split("\n").filter(Boolean)).toHaveLength(rows);
    const front = parseYaml(files.card.split("---\n")[1]!) as {
      configs: unknown[];
      size_categories: string[];
      dataset_info: { features: unknown[] };
    };
    expect(front.configs).toHaveLength(1);
    expect(front.size_categories).toEqual(["n<1K"]);
    expect(front.dataset_info.features.length).toBeGreaterThan(0);
    expect(files.card).toContain('load_dataset("json"');
  }

  test("the CLI writes <name>.card.md and <name>.manifest.json beside --out", async () => {
    const out = path.join(server.dataDir, "pairs.jsonl");
    const { stderr } = await run(
      process.execPath,
      ["--import", "tsx", "scripts/export.ts", "--format", "dpo", "--out", out],
      {
        cwd: ROOT,
        env: { ...process.env, TRACEMARK_DATA_DIR: server.dataDir },
      },
    );
    expect(stderr).toMatch(/exported 2 dpo pairs/);
    const read = (name: string) => fs.readFileSync(path.join(server.dataDir, name));
    checkDataset(
      {
        jsonl: read("pairs.jsonl"),
        card: read("pairs.card.md").toString(),
        manifest: read("pairs.manifest.json").toString(),
      },
      "dpo",
      2,
    );
    expect(read("pairs.card.md").toString()).toMatch(/\| correction \| 1 \|[\s\S]*\| labels \| 1 \|/);
  });

  test("bundle=zip holds the JSONL, its card and its manifest", async () => {
    const response = await fetch(`${server.ui}/api/export?format=preference&bundle=zip`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    const entries = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const names = Object.keys(entries).sort();
    expect(names).toHaveLength(3);
    const find = (suffix: string) => entries[names.find((name) => name.endsWith(suffix))!]!;
    checkDataset(
      {
        jsonl: Buffer.from(find(".jsonl")),
        card: strFromU8(find(".card.md")),
        manifest: strFromU8(find(".manifest.json")),
      },
      "preference",
      3,
    );
  });
});
