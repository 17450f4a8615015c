// Live updates: two tabs on one session agree without a reload, new sessions appear in an open list, and
// a save that fails puts the previous label back and says so.
import { expect, test } from "@playwright/test";
import { claudeSessionLogs, openSession, postLogs, serverUrls, sessionIdOf, turns } from "./support";

const CLAUDE = sessionIdOf("claude-code/bash/http-json");

test("a failed save is rolled back with a visible message", async ({ page }) => {
  await openSession(page, CLAUDE);
  await page.route("**/api/turns/*/label", (route) =>
    route.fulfill({
      status: 500,
      contentType: "application/json",
      body: JSON.stringify({ error: "disk full" }),
    }),
  );
  await page.keyboard.press("g");
  await expect(page.getByTestId("toast")).toContainText("disk full");
  await expect(page.getByTestId("turn-label-good")).toHaveCount(0);
  await page.unroute("**/api/turns/*/label");
});

test("labeling in one tab shows in the other without a reload", async ({ context }) => {
  const [a, b] = [await context.newPage(), await context.newPage()];
  await openSession(a, CLAUDE);
  await openSession(b, CLAUDE);

  await a.keyboard.press("g");
  await expect(a.getByTestId("turn-label-good")).toBeVisible();
  await expect(b.getByTestId("turn-label-good")).toBeVisible();
  await expect(b.getByTestId("session-progress")).toHaveText("1/1");

  await b.keyboard.press("b");
  await expect(b.getByTestId("turn-label-bad")).toBeVisible();
  await expect(a.getByTestId("turn-label-bad")).toBeVisible();
  await expect(a.getByTestId("turn-label-good")).toHaveCount(0);

  await b.keyboard.press("n");
  await b.keyboard.type("seen from the other tab");
  await b.keyboard.press("Control+Enter");
  await expect(a.getByTestId("turn-note")).toHaveText(/seen from the other tab/);

  await a.keyboard.press("x");
  await expect(b.getByTestId("turn-label-bad")).toHaveCount(0);
  await expect(b.getByTestId("session-progress")).toHaveText("0/1");
});

test("a new session appears in an open list without a reload", async ({ page }) => {
  await page.goto(serverUrls().ui);
  await expect(page.getByTestId("session-row").first()).toBeVisible();
  const { body, sessionId } = claudeSessionLogs(["A brand new prompt, arriving live"]);
  await postLogs(body);
  const row = page.locator(`[data-testid="session-row"][data-session-id="${sessionId}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText("A brand new prompt, arriving live");
  await row.click();
  await expect(turns(page)).toHaveCount(1);
});
