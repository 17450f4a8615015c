// The two pages of issue 16 on their own, for before ÷ after work on them: a store with one long Claude-Code-like
// session (`--turns`, default 10,000) and/or a heavy year (`--year-sessions`, default 1,000), written and
// reindexed like the bench's stores, then a real server and Chromium: the session page until interactive and
// `j`, the Overview until drawn, the outline's bytes. `--keep DIR` reuses (or leaves) the stores in DIR.
//   npx tsx bench/pages.ts [--turns N] [--year-sessions N] [--only session|overview] [--runs N]
//                          [--profile DIR] [--keep DIR]
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { tempDataDir } from "../e2e/support/server";
import { settle } from "./probe";
import { launchChromium, measurePage, OVERVIEW, SESSION } from "./scale/browser";
import { startBenchServer } from "./servers";
import { randomUUID } from "node:crypto";
import { Corpus } from "./scale/corpus";
import { planStore, type StorePlan } from "./store/plan";
import { instantiate, sessionTemplate, type GeneratedLine } from "./store/templates";
import { runReindex } from "./store/reindex";
import { writeArchive } from "./store/write-archive";

const { values } = parseArgs({
  options: {
    turns: { type: "string", default: "10000" },
    "year-sessions": { type: "string", default: "1000" },
    only: { type: "string" },
    runs: { type: "string", default: "7" },
    profile: { type: "string" },
    keep: { type: "string" },
  },
});
const runs = Number(values.runs);
const log = (line: string): void => console.log(`[pages] ${line}`);

/** Requests of this many turns make up the long session (one archive line each). */
const TURNS_PER_REQUEST = 100;

/** One corpus session of `turns` turns, as `planStore` writes its sessions (planStore would build 100 of them). */
function* longSession(turns: number): Generator<GeneratedLine> {
  const corpus = new Corpus(Date.now() - 86_400_000);
  const session = { id: randomUUID(), index: 0, turns };
  const requests = [];
  for (let from = 0; from < turns; from += TURNS_PER_REQUEST) {
    const body = corpus.body(session, from, Math.min(TURNS_PER_REQUEST, turns - from));
    requests.push({ signal: "logs" as const, body, userAgent: "OTel-OTLP-Exporter-JavaScript/0.57.2" });
  }
  yield* instantiate(sessionTemplate("long", requests, Date.now()), Date.now() - 86_400_000);
}

const linesOf = (plan: StorePlan): Iterable<GeneratedLine> =>
  plan.sessions === 1 ? longSession(plan.meanTurns) : planStore(plan).lines();

/** The store for `plan`, written and reindexed once (kept under --keep, keyed by the plan). */
async function storeFor(name: string, plan: StorePlan): Promise<{ dir: string; temp: boolean }> {
  const dir = values.keep
    ? path.join(values.keep, `${name}-${plan.sessions}x${plan.meanTurns}`)
    : tempDataDir(`tracemark-pages-${name}-`);
  if (values.keep && fs.existsSync(path.join(dir, "ready"))) return { dir, temp: false };
  fs.mkdirSync(dir, { recursive: true });
  const written = await writeArchive(dir, linesOf(plan));
  log(`${name}: archive written in ${written.seconds} s; reindex…`);
  const reindex = await runReindex(dir, 60 * 60_000);
  log(`${name}: reindexed ${reindex.records} records in ${reindex.seconds} s (${reindex.turns} turns)`);
  if (values.keep) fs.writeFileSync(path.join(dir, "ready"), "");
  return { dir, temp: !values.keep };
}

async function measureOn(
  name: string,
  plan: StorePlan,
  page: (ui: string) => Promise<Record<string, unknown>>,
): Promise<void> {
  const store = await storeFor(name, plan);
  try {
    const server = await startBenchServer({}, store.dir);
    try {
      const stats = await settle(server.ui);
      log(`${name}: ${stats.sessions} sessions, ${stats.turns} turns`);
      console.log(JSON.stringify({ [name]: await page(server.ui) }, null, 2));
    } finally {
      await server.stop();
    }
  } finally {
    if (store.temp) fs.rmSync(store.dir, { recursive: true, force: true });
  }
}

const profileFile = (name: string): string | null =>
  values.profile ? path.join(values.profile, `page-${name}.cpuprofile`) : null;

async function sessionPage(ui: string): Promise<Record<string, unknown>> {
  const list = (await (await fetch(`${ui}/api/sessions`)).json()) as { sessions: { id: string }[] };
  const id = list.sessions[0]!.id;
  const outline = await fetch(`${ui}/api/sessions/${encodeURIComponent(id)}?view=outline`);
  const bytes = (await outline.arrayBuffer()).byteLength;
  const browser = await launchChromium();
  try {
    const url = `${ui}/sessions/${encodeURIComponent(id)}`;
    return {
      outlineBytes: bytes,
      ...(await measurePage(browser, url, SESSION, runs, profileFile("session"))),
    };
  } finally {
    await browser.close();
  }
}

async function overviewPage(ui: string): Promise<Record<string, unknown>> {
  const browser = await launchChromium();
  try {
    return { ...(await measurePage(browser, `${ui}/overview`, OVERVIEW, runs, profileFile("overview"))) };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  if (values.only !== "overview") {
    const turns = Number(values.turns);
    await measureOn("session", { sessions: 1, meanTurns: turns, fixtureEvery: 0 }, sessionPage);
  }
  if (values.only !== "session") {
    const sessions = Number(values["year-sessions"]);
    await measureOn("year", { sessions, meanTurns: 5, fixtureEvery: 10 }, overviewPage);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
