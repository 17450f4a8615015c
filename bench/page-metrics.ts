// Ad-hoc: one page load's DOM size and Chromium's own CPU counters (CDP Performance.getMetrics: script,
// layout, style, task durations), so a change is compared by work done rather than by wall time on a shared box.
//   npx tsx bench/page-metrics.ts URL READY_SELECTOR [runs]
import { launchChromium } from "./scale/browser";

const [url, ready, runsArg] = process.argv.slice(2);
const METRICS = [
  "TaskDuration",
  "ScriptDuration",
  "LayoutDuration",
  "RecalcStyleDuration",
  "Nodes",
  "JSHeapUsedSize",
];

async function main(): Promise<void> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    for (let run = 0; run < Number(runsArg ?? 3); run++) {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Performance.enable");
      const start = performance.now();
      await page.goto(url!, { waitUntil: "commit" });
      await page.locator(ready!).first().waitFor({ timeout: 60_000 });
      const readyMs = performance.now() - start;
      await page.waitForTimeout(1500); // what the page still does after it is ready counts too
      const { metrics } = await cdp.send("Performance.getMetrics");
      const pick = Object.fromEntries(
        metrics
          .filter((m) => METRICS.includes(m.name))
          .map((m) => [m.name, Math.round(m.value * (m.name.endsWith("Duration") ? 1000 : 1))]),
      );
      const dom = await page.evaluate(() => ({
        elements: document.getElementsByTagName("*").length,
        bars: document.querySelectorAll(".recharts-bar-rectangle").length,
        turns: document.querySelectorAll("[data-testid=turn]").length,
        // when the document and the API requests were asked for and answered (ms from navigation start)
        timeline: [
          ...performance.getEntriesByType("navigation"),
          ...performance.getEntriesByType("resource").filter((entry) => entry.name.includes("/api/")),
        ].map((entry) => {
          const timing = entry as PerformanceResourceTiming;
          const name =
            new URL(timing.name).pathname.split("/").slice(-1)[0] + new URL(timing.name).search.slice(0, 20);
          return `${name} ${Math.round(timing.requestStart)}→${Math.round(timing.responseStart)}→${Math.round(timing.responseEnd)} ${timing.encodedBodySize}B`;
        }),
      }));
      console.log(JSON.stringify({ run, readyMs: Math.round(readyMs), ...dom, ...pick }));
      await page.close();
    }
  } finally {
    await browser.close();
  }
}
void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
