// Telemetry is text: markup in a prompt is shown as characters and never runs.
import { expect, test } from "@playwright/test";
import { claudeSessionLogs, postLogs, serverUrls, turns } from "./support";

const XSS = `<script>window.__xss=1</script><img src=x onerror="window.__xss=1">`;

test("a prompt full of markup is shown as text and runs nothing", async ({ page }) => {
  const { body, sessionId } = claudeSessionLogs([XSS]);
  await postLogs(body);

  await page.goto(serverUrls().ui);
  const row = page.locator(`[data-testid="session-row"][data-session-id="${sessionId}"]`);
  await expect(row).toContainText(XSS);
  await expect(row.locator("img, script")).toHaveCount(0);

  await row.click();
  const turn = turns(page).first();
  await expect(turn.getByTestId("turn-prompt")).toHaveText(XSS);
  await expect(page.locator("main img")).toHaveCount(0);
  await expect(page.locator("main script")).toHaveCount(0);
  await page.waitForTimeout(300); // an onerror would have fired by now
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
});
