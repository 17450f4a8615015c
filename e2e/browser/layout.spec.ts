// The main pages at 1280×800 in the light and the dark theme: no horizontal overflow, no overlapping text;
// the sessions list at 390×844 (a phone) as cards with the prompt readable.
import { expect, test, type Page } from "@playwright/test";
import { serverUrls, sessionIdOf } from "./support";

const PAGES = [
  "/",
  `/sessions/${sessionIdOf("codex/multi_turn/http-json")}`,
  "/connect",
  "/export",
  "/overview",
];

/** Pairs of visible text elements (not nested in each other) whose boxes intersect by more than 2 px. */
function overlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const nodes = [
      ...document.querySelectorAll<HTMLElement>(
        "h1,h2,h3,p,a,button,td,th,label,code,summary,dt,dd,li > span",
      ),
    ].filter((node) => {
      const rect = node.getBoundingClientRect();
      return (
        rect.width > 0 &&
        rect.height > 0 &&
        getComputedStyle(node).visibility !== "hidden" &&
        node.innerText.trim() !== ""
      );
    });
    const stickyLayer = (node: HTMLElement): Element | null => {
      for (let at: HTMLElement | null = node; at; at = at.parentElement) {
        const position = getComputedStyle(at).position;
        if (position === "sticky" || position === "fixed") return at;
      }
      return null;
    };
    const found: string[] = [];
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i]!;
        const b = nodes[j]!;
        if (a.contains(b) || b.contains(a)) continue;
        // A sticky bar covers what scrolls beneath it by design; only text of one layer may not overlap.
        if (stickyLayer(a) !== stickyLayer(b)) continue;
        const ra = a.getBoundingClientRect();
        const rb = b.getBoundingClientRect();
        const x = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const y = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (x > 2 && y > 2)
          found.push(`${a.tagName}"${a.innerText.slice(0, 30)}" × ${b.tagName}"${b.innerText.slice(0, 30)}"`);
      }
    }
    return found.slice(0, 10);
  });
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`main pages fit 1280×800 in the ${colorScheme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    for (const path of PAGES) {
      await page.goto(`${serverUrls().ui}${path}`);
      // not "networkidle": every page keeps its live-update stream open
      await expect(page.locator("main").first()).toBeVisible();
      // at the top of the page, so a sticky bar sits where it belongs rather than over scrolled content; polled
      // (not a fixed pause) because data arrives after the first paint and a loaded machine paints late
      await page.evaluate(() => window.scrollTo(0, 0));
      const overflow = (): Promise<number> =>
        page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      await expect
        .poll(overflow, { message: `${path} overflows horizontally`, timeout: 30_000 })
        .toBeLessThanOrEqual(0);
      await expect
        .poll(() => overlaps(page), { message: `${path} has overlapping text`, timeout: 30_000 })
        .toEqual([]);
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background === "rgb(255, 255, 255)", `${path} background in ${colorScheme}`).toBe(
        colorScheme === "light",
      );
    }
  });
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`the sessions list fits 390×844 as cards in the ${colorScheme} theme`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme });
    await page.goto(serverUrls().ui);
    const prompt = page.getByTestId("session-prompt").first();
    await expect(prompt).toBeVisible();
    const width = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(width.scroll, "the list overflows horizontally").toBeLessThanOrEqual(width.client);
    // The prompt gets most of the card's width, not a squeezed column.
    const box = (await prompt.boundingBox())!;
    expect(box.width).toBeGreaterThan(250);
    const row = (await page.getByTestId("session-row").first().boundingBox())!;
    expect(row.x + row.width).toBeLessThanOrEqual(390);
    expect(await overlaps(page), "overlapping text").toEqual([]);
    await expect(page.getByTestId("sort-menu")).toBeVisible();
  });
}
