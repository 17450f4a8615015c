// Page load until interactive in the system Chromium: the rows/turns are visible and the page's keydown
// handler answers `j` by moving the selection (session-row data-selected / turn data-focused).
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import { nowMs, percentiles, type Percentiles } from "../stats";

export interface PageTiming extends Percentiles {
  /** The first load in a fresh browser context (empty HTTP cache); the percentiles are of warm loads. */
  coldMs: number;
  url: string;
  items: number;
  /** `j` on the loaded page: keydown → the selection moved and the next frame began (pages with a selection). */
  keyJ?: Percentiles;
  /** Why `j` could not be timed (the load itself was). */
  keyJError?: string;
}

export type PageResult = PageTiming | { notMeasurable: string; url: string };

/** Launch args that work here (STACK.md): no sandbox, GPU, background traffic or QUIC. */
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** A page that has not shown its items in this long is reported as not measurable. */
const PAGE_TIMEOUT_MS = 30_000;

export interface Target {
  item: string; // selector of the rows/turns (or of what must be drawn)
  marked: string | null; // attribute `j` sets on the newly selected item; null: the page has no selection
  drawn?: string; // also wait for this (e.g. a chart's shapes)
}

export const LIST: Target = { item: "[data-testid=session-row]", marked: "data-selected" };
export const SESSION: Target = { item: "[data-testid=turn]", marked: "data-focused" };
/** The Overview is drawn when its panels are: the totals, a model row, and a chart's bars. */
export const OVERVIEW: Target = {
  item: "[data-testid=overview] [data-testid=model-row]",
  marked: null,
  drawn: "[data-testid=overview] .recharts-bar-rectangle",
};

/** `j` presses timed per page (after the load): p95 of 20 needs every one. */
const KEY_PRESSES = 20;

const markedId = (page: Page, target: Target & { marked: string }): Promise<string | null> =>
  page.evaluate(({ item, marked }) => {
    const element = document.querySelector(`${item}[${marked}="true"]`);
    return element
      ? (element.getAttribute("data-turn-id") ?? element.getAttribute("data-session-id") ?? "?")
      : null;
  }, target);

/** One load: navigate, wait for the first item to be visible, press `j`, wait for the selection to move. */
async function loadOnce(page: Page, url: string, target: Target): Promise<{ ms: number; items: number }> {
  const start = nowMs();
  await page.goto(url, { waitUntil: "commit" });
  await page.locator(target.item).first().waitFor({ state: "visible", timeout: PAGE_TIMEOUT_MS });
  if (target.drawn) await page.locator(target.drawn).first().waitFor({ timeout: PAGE_TIMEOUT_MS });
  if (target.marked === null) {
    return { ms: nowMs() - start, items: await page.locator(target.item).count() };
  }
  const before = await markedId(page, { ...target, marked: target.marked });
  await page.keyboard.press("j");
  await page.waitForFunction(
    ({ item, marked, before }) => {
      const element = document.querySelector(`${item}[${marked}="true"]`);
      const id = element
        ? (element.getAttribute("data-turn-id") ?? element.getAttribute("data-session-id") ?? "?")
        : null;
      return id !== null && id !== before;
    },
    { ...target, before },
    { timeout: PAGE_TIMEOUT_MS, polling: "raf" },
  );
  const ms = nowMs() - start;
  return { ms, items: await page.locator(target.item).count() };
}

/** `j` timed inside the page, without the round trips of the automation protocol: a keydown on the document,
 * then until the selection attribute moved and the next animation frame started (the change can be painted). */
async function timeKeyJ(page: Page, target: Target & { marked: string }): Promise<Percentiles> {
  // tsx (esbuild keepNames) wraps the named functions below in __name(), which the page does not have.
  await page.evaluate("globalThis.__name ??= (fn) => fn");
  const samples = await page.evaluate(
    async ({ item, marked, presses }) => {
      const selected = (): string | null =>
        document.querySelector(`${item}[${marked}="true"]`)?.getAttribute("data-turn-id") ??
        document.querySelector(`${item}[${marked}="true"]`)?.getAttribute("data-session-id") ??
        null;
      const out: number[] = [];
      for (let i = 0; i < presses; i++) {
        const before = selected();
        const start = performance.now();
        const moved = new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`j did not move ${marked}`)), 10_000);
          const observer = new MutationObserver(() => {
            if (selected() === before) return;
            observer.disconnect();
            clearTimeout(timer);
            resolve();
          });
          observer.observe(document.body, { attributes: true, attributeFilter: [marked], subtree: true });
        });
        document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "j", code: "KeyJ", bubbles: true }));
        await moved;
        await new Promise((resolve) => requestAnimationFrame(resolve));
        out.push(performance.now() - start);
        await new Promise((resolve) => setTimeout(resolve, 50)); // a person presses a few times a second at most
      }
      return out;
    },
    { item: target.item, marked: target.marked, presses: KEY_PRESSES },
  );
  return percentiles(samples);
}

/** One more load with the V8 profiler of the page on (CDP), written where `profile-summary.ts` can read it. */
async function profileLoad(page: Page, url: string, target: Target, file: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.start");
  await loadOnce(page, url, target);
  const { profile } = await cdp.send("Profiler.stop");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(profile));
}

export async function measurePage(
  browser: Browser,
  url: string,
  target: Target,
  runs: number,
  profileFile: string | null,
): Promise<PageResult> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    let cold;
    try {
      cold = await loadOnce(page, url, target);
    } catch (error) {
      return {
        notMeasurable: `${target.item} did not become interactive: ${(error as Error).message.split("\n")[0]}`,
        url,
      };
    }
    const samples: number[] = [];
    let items = cold.items;
    for (let i = 0; i < runs; i++) {
      const run = await loadOnce(page, url, target);
      samples.push(run.ms);
      items = run.items;
    }
    let keyJ: Percentiles | undefined;
    let keyJError: string | undefined;
    if (target.marked !== null) {
      try {
        keyJ = await timeKeyJ(page, { ...target, marked: target.marked });
      } catch (error) {
        keyJError = (error as Error).message.split("\n")[0];
      }
    }
    if (profileFile) await profileLoad(page, url, target, profileFile);
    return {
      ...percentiles(samples),
      coldMs: Math.round(cold.ms),
      url,
      items,
      ...(keyJ ? { keyJ } : {}),
      ...(keyJError ? { keyJError } : {}),
    };
  } finally {
    await context.close();
  }
}

/** `profileDir`: also write page-list.cpuprofile and page-session.cpuprofile there (bench --profile). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

export async function measurePages(
  ui: string,
  big: { id: string; turns: number },
  runs: number,
  profileDir: string | null,
): Promise<Record<string, PageResult>> {
  const browser = await launchChromium();
  const profileFile = (name: string): string | null =>
    profileDir ? path.join(profileDir, `page-${name}.cpuprofile`) : null;
  try {
    return {
      "sessions page /": await measurePage(browser, `${ui}/`, LIST, runs, profileFile("list")),
      [`${big.turns.toLocaleString("en")}-turn session page`]: await measurePage(
        browser,
        `${ui}/sessions/${encodeURIComponent(big.id)}`,
        SESSION,
        runs,
        profileFile("session"),
      ),
    };
  } finally {
    await browser.close();
  }
}
