// Run by large-session.spec.ts as `node --import tsx e2e/browser/seed-large-session.ts <otlp-http> <ui> <turns>
// <marker> <marked turn>...`: posts one long Claude Code session (bench/scale/corpus.ts: real capture records,
// ten per turn with tool calls and answers) through the real OTLP/HTTP endpoint, `marker` added to the prompts
// of the marked turns, waits until it is built and prints its id as one JSON line.
// (A child process because the corpus uses import.meta, which Playwright's CommonJS loader rejects.)
import { randomUUID } from "node:crypto";
import { Corpus } from "../../bench/scale/corpus";

/** Turns per request: ~100 records per export x 10, as a busy agent's exporter batches them. */
const TURNS_PER_REQUEST = 100;

interface Body {
  resourceLogs: {
    scopeLogs: { logRecords: { attributes: { key: string; value: { stringValue?: string } }[] }[] }[];
  }[];
}

/** Appends the marker to the prompt of each marked turn in [from, from + turns). */
function mark(body: Buffer, from: number, marker: string, marked: Set<number>): Buffer {
  const request = JSON.parse(body.toString()) as Body;
  let turn = from;
  for (const record of request.resourceLogs[0]!.scopeLogs[0]!.logRecords) {
    const event = record.attributes.find((kv) => kv.key === "event.name")?.value.stringValue;
    if (event !== "user_prompt") continue;
    if (marked.has(turn))
      for (const kv of record.attributes)
        if (kv.key === "prompt" || kv.key === "prompt_text")
          kv.value = { stringValue: `${kv.value.stringValue} ${marker}` };
    turn++;
  }
  return Buffer.from(JSON.stringify(request));
}

async function main(): Promise<void> {
  const [otlpHttp, ui, turnsText, marker, ...markedText] = process.argv.slice(2);
  const turns = Number(turnsText);
  const marked = new Set(markedText.map(Number));
  const plan = { id: randomUUID(), index: 0, turns };
  const corpus = new Corpus(Date.now() - 2 * 86_400_000);
  for (let from = 0; from < turns; from += TURNS_PER_REQUEST) {
    const count = Math.min(TURNS_PER_REQUEST, turns - from);
    const response = await fetch(`${otlpHttp}/v1/logs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new Uint8Array(mark(corpus.body(plan, from, count), from, marker!, marked)),
    });
    if (response.status !== 200)
      throw new Error(`POST /v1/logs: ${response.status} ${await response.text()}`);
  }
  await fetch(`${ui}/api/stats?settle=1`);
  console.log(JSON.stringify({ sessionId: plan.id }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
