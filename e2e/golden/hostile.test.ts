// Hostile and malformed input through the live OTLP endpoints: every case gets its status and message, and
// the server keeps serving (a good request after each bad one is still accepted and indexed).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GrpcExporter, postOtlp, readCapture } from "../support/replay";
import { FIXTURES, settledStats, startServer, type TestServer } from "../support/server";

const GOOD = readCapture(path.join(FIXTURES, "claude-code", "bash", "http-json")).find(
  (item) => item.signal === "logs",
)!;
const MAX_BODY = 1024 * 1024; // set small so limits are cheap to exercise

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { TRACEMARK_MAX_BODY: String(MAX_BODY) } });
});
afterAll(async () => {
  await server.stop();
  fs.rmSync(server.dataDir, { recursive: true, force: true });
});

async function post(
  body: Uint8Array | string,
  headers: Record<string, string>,
  signal = "logs",
  method = "POST",
): Promise<Response> {
  const payload = typeof body === "string" ? body : new Uint8Array(body);
  return fetch(`${server.otlpHttp}/v1/${signal}`, {
    method,
    headers,
    body: method === "GET" ? undefined : payload,
  });
}

async function expectStillServing(): Promise<void> {
  const response = await postOtlp(server.otlpHttp, GOOD);
  expect(response.status).toBe(200);
}

describe("OTLP/HTTP hostile input", () => {
  const protobuf = { "content-type": "application/x-protobuf" };
  const json = { "content-type": "application/json" };
  const cases: { name: string; send: () => Promise<Response>; status: number; message?: RegExp }[] = [
    { name: "empty JSON body", send: () => post("", json), status: 400, message: /json/i },
    { name: "JSON that is an array", send: () => post("[1,2]", json), status: 400 },
    {
      name: "JSON with wrong types",
      send: () => post('{"resourceLogs": 5}', json),
      status: 400,
      message: /resourceLogs/,
    },
    { name: "truncated JSON", send: () => post(GOOD.body.subarray(0, 100), json), status: 400 },
    {
      name: "bad hex trace id",
      send: () =>
        post(
          JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ traceId: "zz".repeat(16) }] }] }] }),
          json,
        ),
      status: 400,
      message: /traceId/,
    },
    {
      name: "truncated protobuf",
      send: () => post(new Uint8Array([0x0a, 0x10, 0x0a]), protobuf),
      status: 400,
      message: /truncat|length|buffer/i,
    },
    {
      name: "huge declared length",
      send: () => post(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x07, 0x01]), protobuf),
      status: 400,
    },
    {
      name: "random bytes",
      send: () =>
        post(new Uint8Array(Array.from({ length: 512 }, (_, i) => (i * 7919 + 13) % 256)), protobuf),
      status: 400,
    },
    {
      name: "unsupported content type",
      send: () => post("hello", { "content-type": "text/plain" }),
      status: 415,
      message: /content type/,
    },
    { name: "missing content type", send: () => post("hello", {}), status: 415 },
    { name: "wrong method", send: () => post("", json, "logs", "GET"), status: 405 },
    { name: "unknown path", send: () => post("{}", json, "profiles"), status: 404 },
    { name: "body over the limit", send: () => post(new Uint8Array(MAX_BODY + 1), protobuf), status: 413 },
    {
      name: "gzip bomb",
      send: () =>
        post(zlib.gzipSync(Buffer.alloc(64 * MAX_BODY)), { ...protobuf, "content-encoding": "gzip" }),
      status: 413,
      message: /decompressed/,
    },
    {
      name: "corrupt gzip",
      send: () =>
        post(new Uint8Array([0x1f, 0x8b, 0x08, 0, 1, 2, 3]), { ...json, "content-encoding": "gzip" }),
      status: 400,
    },
    {
      name: "unknown content encoding",
      send: () => post("{}", { ...json, "content-encoding": "br" }),
      status: 415,
    },
    {
      name: "browser cross-origin request",
      send: () => post("{}", { ...json, origin: "https://evil.example" }),
      status: 403,
    },
  ];
  for (const testCase of cases) {
    test(testCase.name, async () => {
      const response = await testCase.send();
      expect(response.status).toBe(testCase.status);
      const text = await response.text();
      if (testCase.message) expect(text).toMatch(testCase.message);
      await expectStillServing();
    });
  }

  test("gzip and deflate bodies are accepted", async () => {
    for (const [encoding, compress] of [
      ["gzip", zlib.gzipSync],
      ["deflate", zlib.deflateSync],
    ] as const) {
      const response = await post(compress(GOOD.body), { ...json, "content-encoding": encoding });
      expect(response.status).toBe(200);
    }
  });

  test("an empty protobuf body is an empty, valid request", async () => {
    const response = await post(new Uint8Array(0), protobuf);
    expect(response.status).toBe(200);
  });

  test("a JSON error answer is a google.rpc.Status", async () => {
    const response = await post('{"resourceLogs": 5}', json);
    const status = (await response.json()) as { code: number; message: string };
    expect(status.code).toBe(3);
    expect(status.message).toMatch(/resourceLogs/);
  });

  test("an exporter retry does not duplicate records in the index", async () => {
    const before = await settledStats(server);
    // a body nobody sent yet: the fixture's timestamps shifted by one nanosecond
    const fresh = GOOD.body
      .toString()
      .replace(
        /"(timeUnixNano|observedTimeUnixNano)":\s*"(\d+)"/g,
        (_m, key: string, ns: string) => `"${key}":"${BigInt(ns) + 1n}"`,
      );
    const body = { ...GOOD, body: Buffer.from(fresh) };
    const sent = (
      JSON.parse(fresh) as { resourceLogs: { scopeLogs: { logRecords: unknown[] }[] }[] }
    ).resourceLogs
      .flatMap((r) => r.scopeLogs)
      .flatMap((s) => s.logRecords).length;
    expect((await postOtlp(server.otlpHttp, body)).status).toBe(200);
    const once = await settledStats(server);
    expect((await postOtlp(server.otlpHttp, body)).status).toBe(200);
    const twice = await settledStats(server);
    expect(once.log_records).toBe(Number(before.log_records) + sent);
    expect(twice.log_records).toBe(once.log_records);
    expect(twice.requests).toBe(once.requests);
  });
});

describe("OTLP/gRPC hostile input", () => {
  test("garbage bytes get INVALID_ARGUMENT and the server keeps serving", async () => {
    const client = new GrpcExporter(server.grpc);
    try {
      await expect(client.export("traces", Buffer.from([0x0a, 0x05, 0x01]))).rejects.toMatchObject({
        code: grpc.status.INVALID_ARGUMENT,
      });
      const good = readCapture(path.join(FIXTURES, "claude-code", "bash", "grpc")).find(
        (item) => item.signal === "logs",
      )!;
      await expect(client.export("logs", good.body)).resolves.toBeInstanceOf(Buffer);
    } finally {
      client.close();
    }
  });

  test("a message over the limit gets RESOURCE_EXHAUSTED", async () => {
    const client = new GrpcExporter(server.grpc);
    try {
      await expect(client.export("logs", Buffer.alloc(MAX_BODY + 10))).rejects.toMatchObject({
        code: grpc.status.RESOURCE_EXHAUSTED,
      });
    } finally {
      client.close();
    }
  });

  test("gzip-compressed gRPC is accepted", async () => {
    const client = new GrpcExporter(server.grpc, { gzip: true });
    try {
      const good = readCapture(path.join(FIXTURES, "gemini-cli", "text", "grpc")).find(
        (item) => item.signal === "logs",
      )!;
      await expect(client.export("logs", good.body)).resolves.toBeInstanceOf(Buffer);
    } finally {
      client.close();
    }
  });
});
