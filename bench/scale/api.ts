// JSON API timings on the large store (sequential requests, p50/p95), the label round trip, and export of
// every turn through the API stream and the CLI.
import { spawn } from "node:child_process";
import type { TestServer } from "../../e2e/support/server";
import { nowMs, percentiles, round, timeRuns, type Percentiles } from "../stats";
import { RARE_WORD } from "./corpus";

export interface ApiTimings {
  endpoints: Record<string, Percentiles & { url: string; bytes: number }>;
  labelRoundTrip: Percentiles;
  labelPut: Percentiles;
}

export interface ExportTiming {
  runs: number;
  msP50: number;
  msMax: number;
  turns: number;
  bytes: number;
}

async function fetchOk(url: string, init?: RequestInit): Promise<Response> {
  const response = await fetch(url, init);
  if (!response.ok)
    throw new Error(`${init?.method ?? "GET"} ${url} answered ${response.status}: ${await response.text()}`);
  return response;
}

/** The sessions list queries the UI makes: first page, filters, a selective and a common search. */
export const LIST_ENDPOINTS: Record<string, string> = {
  "sessions first page": "/api/sessions",
  "sessions client=claude-code": "/api/sessions?client=claude-code",
  "sessions has_errors=true": "/api/sessions?has_errors=true",
  "sessions tool=Bash": "/api/sessions?tool=Bash",
  [`sessions q=${RARE_WORD} (1% of turns)`]: `/api/sessions?q=${RARE_WORD}`,
  "sessions q=parser timeout (most turns)": "/api/sessions?q=parser%20timeout",
};

/** The list and detail queries the UI makes, by name. */
function endpoints(big: { id: string; turns: number }): Record<string, string> {
  return {
    ...LIST_ENDPOINTS,
    [`session detail, ${big.turns.toLocaleString("en")} turns`]: `/api/sessions/${encodeURIComponent(big.id)}`,
    stats: "/api/stats",
  };
}

/** `runs` sequential GETs of each endpoint (after one warm-up), by name. */
export async function timeEndpoints(
  server: TestServer,
  paths: Record<string, string>,
  runs: number,
): Promise<ApiTimings["endpoints"]> {
  const timings: ApiTimings["endpoints"] = {};
  for (const [name, path] of Object.entries(paths)) {
    let bytes = 0;
    const measured = await timeRuns(runs, async () => {
      bytes = (await (await fetchOk(`${server.ui}${path}`)).arrayBuffer()).byteLength;
    });
    timings[name] = { ...measured, url: path, bytes };
  }
  return timings;
}

interface TurnJson {
  id: string;
  label: { label: string | null };
}

async function labelTimings(
  server: TestServer,
  sessionId: string,
  runs: number,
): Promise<Pick<ApiTimings, "labelRoundTrip" | "labelPut">> {
  const detailUrl = `${server.ui}/api/sessions/${encodeURIComponent(sessionId)}`;
  const { turns } = (await (await fetchOk(detailUrl)).json()) as { turns: TurnJson[] };
  if (turns.length === 0) throw new Error(`session ${sessionId} has no turns to label`);
  const puts: number[] = [];
  const roundTrip = await timeRuns(runs, async (i) => {
    const turn = turns[Math.abs(i) % turns.length]!;
    const label = i % 2 === 0 ? "good" : "bad";
    const start = nowMs();
    await fetchOk(`${server.ui}/api/turns/${turn.id}/label`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ label }),
    });
    puts.push(nowMs() - start);
    const seen = (await (await fetchOk(detailUrl)).json()) as { turns: TurnJson[] };
    if (seen.turns.find((t) => t.id === turn.id)?.label.label !== label)
      throw new Error(`label of ${turn.id} not visible`);
  });
  return { labelRoundTrip: roundTrip, labelPut: percentiles(puts.slice(1)) };
}

export async function measureApi(
  server: TestServer,
  big: { id: string; turns: number },
  smallId: string,
  runs: number,
): Promise<ApiTimings> {
  const timings = await timeEndpoints(server, endpoints(big), runs);
  return { endpoints: timings, ...(await labelTimings(server, smallId, runs)) };
}

/** Streams GET /api/export to nowhere, counting bytes and lines. */
async function exportViaApi(server: TestServer): Promise<{ bytes: number; turns: number }> {
  const response = await fetchOk(`${server.ui}/api/export?label=all&format=turns`);
  let bytes = 0;
  let turns = 0;
  for await (const chunk of response.body! as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const byte of chunk) if (byte === 0x0a) turns++;
  }
  return { bytes, turns };
}

/** `npm run export -- --label all --format turns --out /dev/null` against the server's data dir. */
function exportViaCli(server: TestServer): Promise<{ bytes: number; turns: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      "npm",
      ["run", "--silent", "export", "--", "--label", "all", "--format", "turns", "--out", "/dev/null"],
      {
        env: { ...process.env, TRACEMARK_DATA_DIR: server.dataDir },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`npm run export exited with ${code}: ${output}`));
      const turns = Number(/(\d[\d,]*)\s+(?:turns|lines)/i.exec(output)?.[1]?.replace(/,/g, "") ?? NaN);
      resolve({ bytes: 0, turns });
    });
  });
}

export async function measureExport(
  server: TestServer,
  via: "api" | "cli",
  runs: number,
): Promise<ExportTiming> {
  const samples: number[] = [];
  let last = { bytes: 0, turns: 0 };
  for (let i = 0; i < runs; i++) {
    const start = nowMs();
    last = await (via === "api" ? exportViaApi(server) : exportViaCli(server));
    samples.push(nowMs() - start);
  }
  const stats = percentiles(samples);
  return { runs, msP50: stats.p50, msMax: round(stats.max), turns: last.turns, bytes: last.bytes };
}
