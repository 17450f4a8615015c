// Browsing: the list, a session's turns with tool calls and their output, the keys that move between views.
// Read-only on the seeded captures (other specs label them, in parallel); label-state checks use a
// session of their own.
import { expect, test } from "@playwright/test";
import {
  claudeSessionLogs,
  focusedTurn,
  openSession,
  postLogs,
  serverUrls,
  sessionIdOf,
  turns,
} from "./support";

const CODEX = sessionIdOf("codex/multi_turn/http-json");
const CLAUDE = sessionIdOf("claude-code/bash/http-json");

test("the list shows the seeded sessions and opens one with its turns, tool calls and output", async ({
  page,
}) => {
  await page.goto(serverUrls().ui);
  const rows = page.getByTestId("session-row");
  await expect(rows.first()).toBeVisible();
  for (const id of [CODEX, CLAUDE, sessionIdOf("gemini-cli/two-prompts/http")]) {
    await expect(page.locator(`[data-testid="session-row"][data-session-id="${id}"]`)).toBeVisible();
  }
  const codexRow = page.locator(`[data-testid="session-row"][data-session-id="${CODEX}"]`);
  await expect(codexRow).toContainText("List the files in this directory using the shell.");
  await expect(codexRow).toContainText(/\d\/2/);

  await codexRow.click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${CODEX}(\\?turn=[0-9a-f]+)?$`));
  await expect(turns(page)).toHaveCount(2);
  const first = turns(page).nth(0);
  await expect(first).toContainText("List the files in this directory using the shell.");
  await expect(first).toHaveAttribute("data-focused", "true");
  const tool = first.getByTestId("tool-call");
  await expect(tool).toHaveCount(1);
  await expect(tool).toContainText("exec_command");
  await expect(tool.getByTestId("tool-output")).toContainText("hello from the shell tool");
  await expect(turns(page).nth(1)).toContainText("2 + 2 = 4");
  await expect(turns(page).nth(1).getByTestId("tool-call")).toHaveCount(0);
  await expect(page.getByTestId("session-progress")).toHaveText(/^\d\/2$/);
});

test("raw records and the span waterfall load on demand", async ({ page }) => {
  await openSession(page, CLAUDE);
  const turn = turns(page).first();
  await turn.getByRole("button", { name: "raw records" }).click();
  await expect(turn.getByTestId("raw-records")).toContainText("claude_code.user_prompt");
  await turn.getByRole("button", { name: "waterfall" }).click();
  await expect(turn.getByTestId("span-waterfall")).toContainText("spans over");
});

test("j/k move the focus, ? shows every key, / finds in the session", async ({ page }) => {
  const { body, sessionId } = claudeSessionLogs(["first of two", "second of two"]);
  await postLogs(body);
  await openSession(page, sessionId);
  const ids = await turns(page).evaluateAll((nodes) =>
    nodes.map((node) => node.getAttribute("data-turn-id")),
  );
  await page.keyboard.press("j");
  await expect(focusedTurn(page)).toHaveAttribute("data-turn-id", ids[1]!);
  await page.keyboard.press("j"); // stays on the last turn
  await expect(focusedTurn(page)).toHaveAttribute("data-turn-id", ids[1]!);
  await page.keyboard.press("k");
  await expect(focusedTurn(page)).toHaveAttribute("data-turn-id", ids[0]!);

  await page.keyboard.press("?");
  const overlay = page.getByTestId("shortcuts-overlay");
  await expect(overlay).toBeVisible();
  await expect(overlay).toContainText("next unlabeled turn");
  await page.keyboard.press("g"); // the overlay owns the keyboard: nothing is labeled
  await page.keyboard.press("Escape");
  await expect(overlay).toBeHidden();
  await expect(page.getByTestId("turn-label-good")).toHaveCount(0);

  await page.keyboard.press("/");
  await expect(page.getByTestId("find-input")).toBeFocused();
  await page.keyboard.type("second");
  await page.keyboard.press("Enter");
  await expect(focusedTurn(page)).toHaveAttribute("data-turn-id", ids[1]!);
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("find-input")).toHaveCount(0);
});

test("] and [ walk the list order", async ({ page }) => {
  // Sessions the other specs add are newer than the captures, so the captures' order is stable.
  const list = (await (await fetch(`${serverUrls().ui}/api/sessions?limit=500`)).json()) as {
    sessions: { id: string }[];
  };
  const ids = list.sessions.map((session) => session.id);
  const at = ids.indexOf(CLAUDE);
  const older = ids[at + 1];
  await openSession(page, CLAUDE);
  await page.keyboard.press("]");
  if (older === undefined) {
    await expect(page.getByTestId("toast")).toContainText("oldest");
    return;
  }
  await expect(page).toHaveURL(new RegExp(`/sessions/${older}(\\?turn=[0-9a-f]+)?$`));
  await expect(turns(page).first()).toBeVisible();
  await page.keyboard.press("[");
  await expect(page).toHaveURL(new RegExp(`/sessions/${CLAUDE}(\\?turn=[0-9a-f]+)?$`));
});

test("the search box filters the list and the filter lives in the URL", async ({ page }) => {
  await page.goto(serverUrls().ui);
  await expect(page.getByTestId("session-row").first()).toBeVisible();
  await page.keyboard.press("/");
  await expect(page.getByTestId("search-input")).toBeFocused();
  await page.keyboard.type("Say hello");
  await expect(page).toHaveURL(/q=Say\+hello/);
  await expect(page.getByTestId("session-row")).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId("search-input")).toHaveValue("Say hello");
  await expect(page.getByTestId("session-row")).toHaveCount(1);
  await expect(page.getByTestId("session-row")).toHaveAttribute(
    "data-session-id",
    sessionIdOf("gemini-cli/two-prompts/http"),
  );
});
