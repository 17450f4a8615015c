// The Overview page on the seeded server: it renders with data in both themes without overflowing, its
// numbers are the API's, its scope lives in the URL, and a click on a bar opens the sessions behind it.
// Other specs add sessions and labels in parallel, so checks are scoped to one client or to own sessions.
import { expect, test, type Locator, type Page } from "@playwright/test";
import type { Overview } from "@/lib/overview/types";
import { claudeSessionLogs, postLogs, serverUrls, sessionIdOf } from "./support";

const CODEX = sessionIdOf("codex/multi_turn/http-json");

async function openOverview(page: Page, query: string): Promise<void> {
  await page.goto(`${serverUrls().ui}/overview?${query}`);
  await expect(page.getByTestId("overview-totals")).toBeVisible();
}

/** The drawn bar segments of a chart (recharts draws no rectangle for a zero value). */
const bars = (chart: Locator, fill?: string): Locator =>
  chart.locator(`.recharts-bar-rectangle path${fill ? `[fill="${fill}"]` : ""}`);

/** A panel's bars once it is scrolled to (panels below the fold are drawn when they come near the screen). */
async function drawnBars(page: Page, testId: string, fill?: string): Promise<Locator> {
  const chart = page.getByTestId(testId);
  await chart.scrollIntoViewIfNeeded();
  return bars(chart, fill);
}

/** Relative luminance (0 black … 1 white) of a computed `rgb(…)` color. */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((part) => {
    const c = Number(part) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`renders with data in the ${colorScheme} theme, readable and without horizontal overflow`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await openOverview(page, "range=all&client=codex");
    const api = (await (await fetch(`${serverUrls().ui}/api/overview?client=codex`)).json()) as Overview;
    await expect(page.getByTestId("total-sessions")).toHaveAttribute(
      "data-value",
      String(api.totals.sessions),
    );
    await expect(page.getByTestId("total-turns")).toHaveAttribute("data-value", String(api.totals.turns));
    expect(api.totals.turns).toBeGreaterThanOrEqual(2);
    for (const id of [
      "chart-sessions",
      "chart-turns",
      "chart-tokens",
      "chart-labels",
      "chart-latency",
      "chart-tools",
    ]) {
      await expect((await drawnBars(page, id)).first(), id).toBeVisible();
    }
    await expect(page.getByTestId("model-row")).toHaveAttribute("data-model", "gpt-5.5");
    await expect(page.getByTestId("tool-row").first()).toContainText("exec_command");
    await expect(page.getByTestId("mcp-servers")).toContainText("No MCP calls in this range.");
    // Axes carry units.
    await expect(page.getByTestId("chart-tokens")).toContainText("input tokens");
    await expect(page.getByTestId("chart-latency")).toContainText("ms");

    // Axis text and background follow the theme: light text on dark, dark text on light, with contrast.
    const tick = page.getByTestId("chart-turns").locator(".recharts-cartesian-axis-tick-value").first();
    const text = luminance(await tick.evaluate((node) => getComputedStyle(node).fill));
    const background = luminance(
      await page.locator("body").evaluate((node) => getComputedStyle(node).backgroundColor),
    );
    const contrast = (Math.max(text, background) + 0.05) / (Math.min(text, background) + 0.05);
    expect(colorScheme === "dark" ? background < text : background > text).toBe(true);
    expect(contrast).toBeGreaterThan(4.5);

    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
}

test("a click on a bar opens the sessions list with that day's and model's filter", async ({ page }) => {
  await openOverview(page, "range=all&client=codex");
  // One model; its days in order. Other specs on this server add Codex sessions on other days (the list's
  // search spec posts one in 2020), so the capture's own day is the last bar.
  const bar = bars(page.getByTestId("chart-turns")).last();
  await expect(bar).toBeVisible();
  await bar.click();
  await expect(page).toHaveURL(/\/\?/);
  const params = new URL(page.url()).searchParams;
  expect(params.get("client")).toBe("codex");
  expect(params.get("model")).toBe("gpt-5.5");
  const since = Date.parse(params.get("since")!);
  const until = Date.parse(params.get("until")!);
  expect(until - since).toBe(86_400_000);
  const detail = (await (await fetch(`${serverUrls().ui}/api/sessions/${CODEX}`)).json()) as {
    session: { started_at: string };
  };
  const started = Date.parse(detail.session.started_at);
  expect(started >= since && started < until).toBe(true);
  const rows = page.getByTestId("session-row");
  await expect(rows).toHaveCount(1);
  await expect(rows).toHaveAttribute("data-session-id", CODEX);
});

test("a click on the bad part of a labels bar lists the sessions with a bad turn", async ({ page }) => {
  const { body, sessionId } = claudeSessionLogs(["overview: a turn that goes badly"]);
  await postLogs(body);
  const detail = (await (await fetch(`${serverUrls().ui}/api/sessions/${sessionId}`)).json()) as {
    turns: { id: string }[];
  };
  const response = await fetch(`${serverUrls().ui}/api/turns/${detail.turns[0]!.id}/label`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ label: "bad" }),
  });
  expect(response.status).toBe(200);

  await openOverview(page, "range=7d&client=claude-code");
  const badBars = await drawnBars(page, "chart-labels", "var(--bad)");
  await expect(badBars.last()).toBeVisible();
  await badBars.last().click(); // today's bar: the newest day is drawn last
  await expect(page).toHaveURL(/label_state=has-bad/);
  expect(new URL(page.url()).searchParams.get("client")).toBe("claude-code");
  await expect(page.locator(`[data-testid="session-row"][data-session-id="${sessionId}"]`)).toBeVisible();
});

test("panels far below the fold are drawn once scrolled to, not with the page", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openOverview(page, "range=all");
  const tools = page.getByTestId("chart-tools");
  await expect(bars(page.getByTestId("chart-sessions")).first()).toBeVisible(); // the first row is drawn
  await expect(tools.getByTestId("chart-pending")).toHaveCount(1);
  await expect(bars(tools)).toHaveCount(0);
  await tools.scrollIntoViewIfNeeded();
  await expect(bars(tools).first()).toBeVisible();
  await expect(tools.getByTestId("chart-pending")).toHaveCount(0);
});

test("the range and the client live in the URL and survive a reload", async ({ page }) => {
  await openOverview(page, "");
  await expect(page.getByTestId("range-30d")).toHaveAttribute("aria-pressed", "true");
  await page.getByTestId("range-all").click();
  await expect(page).toHaveURL(/range=all/);
  await page.getByRole("combobox", { name: "Client" }).selectOption("gemini-cli");
  await expect(page).toHaveURL(/range=all&client=gemini-cli/);
  await page.reload();
  await expect(page.getByTestId("range-all")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("combobox", { name: "Client" })).toHaveValue("gemini-cli");
  await expect(page.getByTestId("model-row")).toHaveAttribute("data-model", "gemini-3.8-flash");
});
