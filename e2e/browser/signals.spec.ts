// Signals and suggestions in the browser: real captures with a failed and a rejected tool call sent through
// the OTLP endpoint; icons on turns and rows, the signal filter, a gen_ai.evaluation.result shown as a
// suggested label, the tool filter, and `u` in triage order (a remembered toggle).
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { FIXTURES_DIR } from "../support/fixtures-dir";
import { claudeSessionLogs, openSession, postLogs, serverUrls, turns } from "./support";

// Not Codex: other specs count the Codex sessions of the shared server (one per day and model).
const TOOL_FAILURE = path.join(FIXTURES_DIR, "gemini-cli", "tool-fail", "http");
const PERMISSION_DENIED = path.join(FIXTURES_DIR, "claude-code", "permission-denied", "http-json");

interface Detail {
  turns: { id: string; signals: { kind: string }[]; suggested_labels: unknown[] }[];
}

const sessionIdOf = (folder: string): string =>
  (JSON.parse(fs.readFileSync(path.join(folder, "expected.json"), "utf8")) as { sessions: { id: string }[] })
    .sessions[0]!.id;

/** Posts a JSON capture's bodies in arrival order, as the CLI sent them. */
async function replayJson(folder: string): Promise<void> {
  const { ui, otlpHttp } = serverUrls();
  for (const file of fs
    .readdirSync(folder)
    .filter((f) => /^\d{4}-(logs|traces|metrics)\.json$/.test(f))
    .sort()) {
    const signal = /-(logs|traces|metrics)\./.exec(file)![1]!;
    const response = await fetch(`${otlpHttp}/v1/${signal}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: fs.readFileSync(path.join(folder, file)),
    });
    expect(response.status, file).toBe(200);
  }
  await fetch(`${ui}/api/stats?settle=1`);
}

async function detailOf(id: string, ready: (detail: Detail) => boolean): Promise<Detail> {
  let detail: Detail | undefined;
  await expect
    .poll(
      async () => {
        const response = await fetch(`${serverUrls().ui}/api/sessions/${id}`);
        detail = response.status === 200 ? ((await response.json()) as Detail) : undefined;
        return detail !== undefined && ready(detail);
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  return detail!;
}

const GEMINI = sessionIdOf(TOOL_FAILURE);
const CLAUDE = sessionIdOf(PERMISSION_DENIED);
const CLAUDE_OTHER = (
  JSON.parse(fs.readFileSync(path.join(PERMISSION_DENIED, "expected.json"), "utf8")) as {
    sessions: { id: string }[];
  }
).sessions.at(-1)!.id;

test.beforeAll(async () => {
  await replayJson(TOOL_FAILURE);
  await replayJson(PERMISSION_DENIED);
  await detailOf(GEMINI, (d) => d.turns.length > 0);
  await detailOf(CLAUDE, (d) => d.turns.length > 0);
});

test("signals show on turns and rows, and the signal filter selects the sessions that have them", async ({
  page,
}) => {
  await page.goto(serverUrls().ui);
  await expect(page.getByTestId("session-row").first()).toBeVisible(); // hydrated: the filter bar reacts
  await page.getByTestId("signal-filter").selectOption("tool_rejected");
  await expect(page).toHaveURL(/signal=tool_rejected/);
  const rows = page.getByTestId("session-row");
  await expect(page.locator(`[data-testid="session-row"][data-session-id="${CLAUDE}"]`)).toHaveCount(1);
  await expect(page.locator(`[data-session-id="${GEMINI}"]`)).toHaveCount(0);
  for (const row of await rows.all())
    await expect(row.locator('[data-signal="tool_rejected"]')).toHaveCount(1);

  await openSession(page, GEMINI);
  const failed = turns(page).first().getByTestId("turn-signal-tool_failed");
  await expect(failed).toBeVisible();
  await expect(failed).toHaveAttribute("title", /exit 2/);
  await openSession(page, CLAUDE);
  await expect(turns(page).first().getByTestId("turn-signal-tool_rejected")).toBeVisible();
  await expect(turns(page).first().getByTestId("turn-signal-tool_failed")).toHaveCount(0);
});

test("the tool filter lists the tools seen and selects the sessions that called one", async ({ page }) => {
  const detail = (await (await fetch(`${serverUrls().ui}/api/sessions/${GEMINI}`)).json()) as {
    turns: { tool_calls: { name: string }[] }[];
  };
  const tool = detail.turns.flatMap((turn) => turn.tool_calls)[0]!.name;
  await page.goto(serverUrls().ui);
  await expect(page.getByTestId("session-row").first()).toBeVisible(); // hydrated: the filter bar reacts
  const select = page.getByTestId("tool-filter");
  await expect(select.locator(`option[value="${tool}"]`)).toHaveCount(1);
  await select.selectOption(tool);
  await expect(page).toHaveURL(new RegExp(`tool=${encodeURIComponent(tool)}`));
  await expect(page.locator(`[data-testid="session-row"][data-session-id="${GEMINI}"]`)).toHaveCount(1);
  await expect(page.locator(`[data-session-id="${CLAUDE}"]`)).toHaveCount(0); // Claude Code never calls it
});

test("a gen_ai.evaluation.result sent over OTLP for a session appears as a suggested label with its source", async ({
  page,
}) => {
  await openSession(page, GEMINI);
  await expect(turns(page).first().getByTestId("turn-suggestion")).toHaveCount(0);
  const now = String(BigInt(Date.now()) * 1_000_000n);
  const attr = (key: string, value: string) => ({ key, value: { stringValue: value } });
  const response = await fetch(`${serverUrls().otlpHttp}/v1/logs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      resourceLogs: [
        {
          resource: { attributes: [attr("service.name", "browser-evaluator")] },
          scopeLogs: [
            {
              scope: { name: "evals" },
              logRecords: [
                {
                  timeUnixNano: now,
                  eventName: "gen_ai.evaluation.result",
                  attributes: [
                    attr("event.name", "gen_ai.evaluation.result"),
                    attr("session.id", GEMINI),
                    attr("gen_ai.evaluation.name", "correctness"),
                    attr("gen_ai.evaluation.score.label", "incorrect"),
                    attr("gen_ai.evaluation.explanation", "<b>exit 3</b>"),
                  ],
                },
              ],
            },
          ],
        },
      ],
    }),
  });
  expect(response.status).toBe(200);
  const chip = turns(page).first().getByTestId("turn-suggestion");
  await expect(chip).toBeVisible({ timeout: 60_000 }); // the open page updates itself
  await expect(chip).toContainText("bad · correctness");
  await expect(chip).toContainText("gen_ai.evaluation.result");
  await expect(chip).toHaveAttribute("title", "<b>exit 3</b>"); // text, never markup
  await expect(
    turns(page)
      .first()
      .getByTestId(/^turn-label-/),
  ).toHaveCount(0); // not a person's label
});

test("u walks in triage order when the toggle is on, and the toggle is remembered", async ({ page }) => {
  // a fresh session without signals is the newest: time order would go there, triage order must not
  const fresh = claudeSessionLogs(["a quiet prompt"]);
  await postLogs(fresh.body);
  await detailOf(fresh.sessionId, (d) => d.turns.length > 0);
  const next = async (order: string): Promise<{ session_id: string; turn_id: string }> =>
    (await (await fetch(`${serverUrls().ui}/api/review/next?order=${order}`)).json()) as {
      session_id: string;
      turn_id: string;
    };
  const triage = await next("triage");
  expect([GEMINI, CLAUDE, CLAUDE_OTHER]).toContain(triage.session_id); // a turn with signals comes first
  expect((await next("time")).session_id).not.toBe(triage.session_id);

  await page.goto(serverUrls().ui);
  const toggle = page.getByTestId("triage-toggle");
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await page.reload();
  await expect(page.getByTestId("triage-toggle")).toBeChecked();
  await expect(page.getByTestId("session-row").first()).toBeVisible();
  await page.keyboard.press("u");
  await expect(page).toHaveURL(new RegExp(`/sessions/${triage.session_id}\\?turn=${triage.turn_id}`));
  await expect(page.getByTestId("triage-toggle")).toBeChecked();
});
