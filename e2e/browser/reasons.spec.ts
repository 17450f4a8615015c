// Reasons, corrections and the dpo export from the UI, on a real capture replayed through the real OTLP
// endpoint (one no other spec uses): a reason key toggles a chip, `e` corrects the answer and the turn shows
// the diff, and the Export page downloads the correction as a dpo pair (and as a zip with card and manifest).
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { unzipSync, strFromU8 } from "fflate";
import { FIXTURE_ROOT } from "./captures";
import { focusedTurn, openSession, serverUrls, turns } from "./support";

const CAPTURE = "claude-code/bash/http-protobuf";
const SESSION = (
  JSON.parse(fs.readFileSync(path.join(FIXTURE_ROOT, CAPTURE, "expected.json"), "utf8")) as {
    sessions: { id: string }[];
  }
).sessions[0]!.id;
const CORRECTION = "Two files: README.md and main.py.";

/** Posts an HTTP capture's bodies as recorded (the shared replay harness cannot load under Playwright). */
async function replayHttpCapture(folder: string): Promise<void> {
  for (const file of fs
    .readdirSync(folder)
    .filter((name) => /^\d{4}-(logs|traces|metrics)\.bin$/.test(name))
    .sort()) {
    const meta = JSON.parse(
      fs.readFileSync(path.join(folder, file.replace(/\.bin$/, ".meta.json")), "utf8"),
    ) as { path: string; headers: Record<string, string> };
    const response = await fetch(`${serverUrls().otlpHttp}${meta.path}`, {
      method: "POST",
      headers: { "content-type": meta.headers["content-type"] ?? "application/x-protobuf" },
      body: new Uint8Array(fs.readFileSync(path.join(folder, file))),
    });
    expect(response.status, file).toBe(200);
  }
}

interface Stored {
  turns: { id: string; response: string | null; label: { reasons: string[]; correction: string | null } }[];
}

async function stored(): Promise<Stored> {
  return (await (await fetch(`${serverUrls().ui}/api/sessions/${SESSION}`)).json()) as Stored;
}

test("a reason key, a correction with `e`, and a dpo export from the Export page", async ({ page }) => {
  await replayHttpCapture(path.join(FIXTURE_ROOT, CAPTURE));
  await fetch(`${serverUrls().ui}/api/stats?settle=1`); // answers once everything acknowledged is indexed
  await openSession(page, SESSION);
  await expect(turns(page)).toHaveCount(1);
  await expect(focusedTurn(page)).toBeVisible();
  const turn = turns(page).first();

  // 3 = hallucinated (on), 3 again (off), 1 = wrong-approach
  const chip = (id: string) => turn.locator(`[data-testid="reason-chip"][data-reason="${id}"]`);
  await page.keyboard.press("3");
  await expect(chip("hallucinated")).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("3");
  await expect(chip("hallucinated")).toHaveAttribute("aria-pressed", "false");
  await page.keyboard.press("1");
  await expect(chip("wrong-approach")).toHaveAttribute("aria-pressed", "true");
  await expect.poll(async () => (await stored()).turns[0]!.label.reasons).toEqual(["wrong-approach"]);

  // the ? overlay names the reason on each key
  await page.keyboard.press("?");
  await expect(page.getByTestId("reason-keys")).toContainText("hallucinated");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("shortcuts-overlay")).toBeHidden();

  // e opens the editor with the agent's answer; keys typed there are text
  const original = (await stored()).turns[0]!.response!;
  await page.keyboard.press("e");
  const editor = page.getByTestId("correction-editor");
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue(original);
  await editor.fill("");
  await page.keyboard.type(CORRECTION);
  await page.keyboard.press("Control+Enter");
  await expect(editor).toBeHidden();
  await expect(turn.getByTestId("correction-diff")).toBeVisible();
  await expect(turn.getByTestId("diff-added").first()).toBeVisible();
  await expect(turn.getByTestId("diff-removed").first()).toBeVisible();
  await expect.poll(async () => (await stored()).turns[0]!.label.correction).toBe(CORRECTION);
  await expect(chip("wrong-approach")).toHaveAttribute("aria-pressed", "true"); // the correction kept the reasons

  await page.reload();
  await expect(turns(page).first().getByTestId("correction-diff")).toBeVisible();

  // Export page: dpo, this session only: one pair, chosen = the correction
  await page.goto(`${serverUrls().ui}/export`);
  await page.getByTestId("export-format").selectOption("dpo");
  await page.getByTestId("export-sessions").fill(SESSION);
  await expect(page.getByTestId("export-count")).toContainText("they give 1 pair");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-download").click(),
  ]);
  const rows = fs
    .readFileSync(await download.path(), "utf8")
    .split("\n")
    .filter(Boolean)
    .map(
      (line) =>
        JSON.parse(line) as {
          chosen: { content: string | null }[];
          rejected: { content: string | null }[];
          metadata: { source: string };
        },
    );
  expect(rows).toHaveLength(1);
  expect(rows[0]!.metadata.source).toBe("correction");
  expect(rows[0]!.chosen.at(-1)!.content).toBe(CORRECTION);
  expect(rows[0]!.rejected.at(-1)!.content).toBe(original);

  const [zip] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-download-zip").click(),
  ]);
  const entries = unzipSync(new Uint8Array(fs.readFileSync(await zip.path())));
  const names = Object.keys(entries);
  expect(names.filter((name) => /\.(jsonl|card\.md|manifest\.json)$/.test(name))).toHaveLength(3);
  const manifest = JSON.parse(
    strFromU8(entries[names.find((name) => name.endsWith(".manifest.json"))!]!),
  ) as { rows: number; format: string };
  expect(manifest).toMatchObject({ rows: 1, format: "dpo" });
});
