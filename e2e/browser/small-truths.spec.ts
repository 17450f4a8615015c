// Small truths: the Overview shows that it is loading instead of a blank page, the Export page disables
// Download when nothing matches, and its command line names the server's (non-default) data dir.
import { expect, test } from "@playwright/test";
import { serverUrls } from "./support";

test("the Overview is served with a loading state, never blank while its data is computed", async () => {
  // The data is fetched by the browser after the page arrives; until then the served page says it is loading.
  const html = await (await fetch(`${serverUrls().ui}/overview?range=all`)).text();
  expect(html).toContain('data-testid="overview-loading"');
  expect(html).toContain("Loading the overview");
  expect(html).not.toContain('data-testid="overview-totals"');
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
