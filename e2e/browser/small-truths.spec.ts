// Small truths: the Overview shows that it is loading instead of a blank page, the Export page disables
// Download when nothing matches, and its command line names the server's (non-default) data dir.
import { expect, test } from "@playwright/test";
import { serverUrls } from "./support";

test("the Overview shows a loading state until its data arrives", async ({ page }) => {
  // Hold the Overview's request (it still reaches the real server) until the loading state has been seen.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/overview**", async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(`${serverUrls().ui}/overview`);
  await expect(page.getByTestId("overview-loading")).toBeVisible();
  await expect(page.getByTestId("overview")).toHaveCount(0);
  release();
  await expect(page.getByTestId("overview")).toBeVisible();
  await expect(page.getByTestId("overview-loading")).toHaveCount(0);
});

test("Download is disabled at 0 matches; the CLI line carries the data dir", async ({ page }) => {
  await page.goto(`${serverUrls().ui}/export`);
  await expect(page.getByTestId("export-count")).toHaveText(/\d+ turns? match\./);
  await page.getByTestId("export-sessions").fill("no-such-session");
  await expect(page.getByTestId("export-count")).toHaveText("0 turns match.");
  await expect(page.getByTestId("export-download")).toBeDisabled();
  await page.getByTestId("export-sessions").fill("");
  await page.getByTestId("export-label").selectOption("all");
  await expect(page.getByTestId("export-count")).not.toHaveText("0 turns match.");
  await expect(page.getByTestId("export-download")).toHaveAttribute("href", /\/api\/export\?/);
  // The e2e server runs on a temp dir, not ./data: the command must say so to export the same data.
  await expect(page.getByTestId("export-cli")).toContainText(/--data-dir \S*tracemark/);
});
