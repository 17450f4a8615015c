// Regenerates docs/screenshot-session.png (the README's picture): a real server on a temp data dir, real
// captures replayed through OTLP, the session view in Chromium at 1280×800. Run: npx tsx scripts/screenshot.ts
import path from "node:path";
import { chromium } from "@playwright/test";
import { replayCapture } from "@/e2e/support/replay";
import { FIXTURES, ROOT, settledStats, startServer } from "@/e2e/support/server";

const CAPTURE = "codex/multi_turn/http-json";
const SESSION = "01a1fe9c-470e-7572-b50f-a530fcf17efc"; // its expected.json session

async function main(): Promise<void> {
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--no-first-run",
      "--disable-quic",
    ],
  });
  try {
    await replayCapture(path.join(FIXTURES, CAPTURE), server);
    await settledStats(server);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.ui}/sessions/${SESSION}`);
    await page.getByTestId("turn").first().waitFor();
    await page.keyboard.press("g"); // label the first turn good, as a person would
    await page.waitForTimeout(500);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(ROOT, "docs", "screenshot-session.png") });
  } finally {
    await browser.close();
    await server.stop();
  }
}

void main();
