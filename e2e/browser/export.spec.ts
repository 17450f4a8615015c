// Export from the UI: label two turns with the keyboard, download from the Export page, and the file holds
// exactly those two turns with their labels.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { claudeSessionLogs, openSession, postLogs, turns } from "./support";

test("label two turns, export from the UI, the download holds exactly those two", async ({ page }) => {
  const { body, sessionId } = claudeSessionLogs([
    "first prompt to export",
    "second prompt to export",
    "third, left unlabeled",
  ]);
  await postLogs(body);
  await openSession(page, sessionId);
  await expect(turns(page)).toHaveCount(3);
  await page.keyboard.press("g");
  await page.keyboard.press("b");
  await expect(turns(page).nth(1).getByTestId("turn-label-bad")).toBeVisible();

  await page.goto(page.url().replace(/\/sessions\/.*$/, "/export"));
  await page.getByTestId("export-sessions").fill(sessionId);
  await expect(page.getByTestId("export-count")).toHaveText("2 turns match.");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-download").click(),
  ]);
  const lines = fs
    .readFileSync(await download.path(), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { prompt: string; label: string; session_id: string });
  expect(lines.map((line) => [line.prompt, line.label])).toEqual([
    ["first prompt to export", "good"],
    ["second prompt to export", "bad"],
  ]);
  expect(new Set(lines.map((line) => line.session_id))).toEqual(new Set([sessionId]));
});
