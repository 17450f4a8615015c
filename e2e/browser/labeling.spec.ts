// Labeling from the keyboard only: label, note, undo, next unlabeled; labels survive a reload; keys typed
// into a note are text, never shortcuts.
import { expect, test, type Page } from "@playwright/test";
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
const GEMINI = sessionIdOf("gemini-cli/two-prompts/http");

interface StoredTurn {
  id: string;
  label: { label: string | null; note: string };
}

async function storedSession(
  id: string,
): Promise<{ session: { session_label: { label: string | null } }; turns: StoredTurn[] }> {
  return (await (await fetch(`${serverUrls().ui}/api/sessions/${id}`)).json()) as {
    session: { session_label: { label: string | null } };
    turns: StoredTurn[];
  };
}

const labelOf = (page: Page, index: number, label: "good" | "bad") =>
  turns(page).nth(index).getByTestId(`turn-label-${label}`);

test("a multi-turn session is labeled with the keyboard only and stays labeled after a reload", async ({
  page,
}) => {
  // From the list: `/` search, Esc, j, Enter.
  await page.goto(serverUrls().ui);
  await expect(page.getByTestId("session-row").first()).toBeVisible();
  await page.keyboard.press("/");
  await page.keyboard.type("Second question");
  await expect(page.getByTestId("session-row")).toHaveCount(1);
  await page.keyboard.press("Escape");
  await page.keyboard.press("j");
  await page.keyboard.press("Enter");
  // Opened from a search, the session gets the search terms (`?q=`); the session view adds the focused turn.
  await expect(page).toHaveURL(new RegExp(`/sessions/${CODEX}\\?[^#]*$`));
  await expect(turns(page)).toHaveCount(2);
  const ids = await turns(page).evaluateAll((nodes) =>
    nodes.map((node) => node.getAttribute("data-turn-id")!),
  );
  // The search matched the second prompt: the session opens on that turn (issue 18 "Search that shows where").
  await expect(focusedTurn(page)).toHaveAttribute("data-turn-id", ids[1]!);
  await page.keyboard.press("k");
  await expect(focusedTurn(page)).toHaveAttribute("data-turn-id", ids[0]!);

  await page.keyboard.press("g"); // turn 1 good, focus moves on
  await expect(labelOf(page, 0, "good")).toBeVisible();
  await expect(focusedTurn(page)).toHaveAttribute("data-turn-id", ids[1]!);
  await page.keyboard.press("b"); // turn 2 bad
  await expect(labelOf(page, 1, "bad")).toBeVisible();

  await page.keyboard.press("n");
  const editor = page.getByTestId("note-editor");
  await expect(editor).toBeFocused();
  await page.keyboard.type("wrong: j, g and b are just letters here");
  await page.keyboard.press("Control+Enter");
  await expect(editor).toBeHidden();
  await expect(turns(page).nth(1).getByTestId("turn-note")).toContainText(
    "wrong: j, g and b are just letters here",
  );
  await expect(labelOf(page, 1, "bad")).toBeVisible();

  await page.keyboard.press("k");
  await expect(focusedTurn(page)).toHaveAttribute("data-turn-id", ids[0]!);
  await page.keyboard.press("x"); // clear turn 1, focus moves to turn 2
  await expect(turns(page).nth(0).getByTestId("turn-label-good")).toHaveCount(0);
  await expect(focusedTurn(page)).toHaveAttribute("data-turn-id", ids[1]!);

  await page.keyboard.press("u"); // the only unlabeled turn in this list (wraps to the top)
  await expect(focusedTurn(page)).toHaveAttribute("data-turn-id", ids[0]!);
  await page.keyboard.press("g");
  await expect(labelOf(page, 0, "good")).toBeVisible();
  await page.keyboard.press("z"); // undo: turn 1 unlabeled again, and focused
  await expect(turns(page).nth(0).getByTestId("turn-label-good")).toHaveCount(0);
  await expect(focusedTurn(page)).toHaveAttribute("data-turn-id", ids[0]!);
  await page.keyboard.press("g");
  await page.keyboard.press("Shift+G"); // the whole session good
  await expect(page.getByTestId("session-label")).toContainText("good");
  await expect(page.getByTestId("session-progress")).toHaveText("2/2");

  // Saved on the server…
  await expect
    .poll(async () => {
      const stored = await storedSession(CODEX);
      return [
        stored.session.session_label.label,
        ...stored.turns.map((turn) => `${turn.label.label}:${turn.label.note}`),
      ];
    })
    .toEqual(["good", "good:", "bad:wrong: j, g and b are just letters here"]);

  // …and shown after a reload.
  await page.reload();
  await expect(labelOf(page, 0, "good")).toBeVisible();
  await expect(labelOf(page, 1, "bad")).toBeVisible();
  await expect(turns(page).nth(1).getByTestId("turn-note")).toContainText(
    "wrong: j, g and b are just letters here",
  );
  await expect(page.getByTestId("session-progress")).toHaveText("2/2");
  await expect(page.getByTestId("session-label")).toContainText("good");
});

test("keys typed in a note label nothing; Esc leaves without saving", async ({ page }) => {
  await openSession(page, GEMINI);
  const firstId = await turns(page).first().getAttribute("data-turn-id");
  await page.keyboard.press("n");
  const editor = page.getByTestId("note-editor");
  await expect(editor).toBeFocused();
  await page.keyboard.type("j g b x k u z ] [ ? G B / n");
  await expect(editor).toHaveValue("j g b x k u z ] [ ? G B / n");
  await expect(page.getByTestId("turn-label-good")).toHaveCount(0);
  await expect(page.getByTestId("turn-label-bad")).toHaveCount(0);
  await expect(page.getByTestId("shortcuts-overlay")).toHaveCount(0);
  await expect(focusedTurn(page)).toHaveAttribute("data-turn-id", firstId!);
  await expect(page).toHaveURL(new RegExp(`/sessions/${GEMINI}(\\?turn=[0-9a-f]+)?$`));

  await page.keyboard.press("Escape");
  await expect(editor).toBeHidden();
  await expect(page.getByTestId("turn-note")).toHaveCount(0);

  await page.keyboard.press("n");
  await page.keyboard.type("good enough, but g is not a label");
  await page.keyboard.press("Control+Enter");
  await expect(turns(page).first().getByTestId("turn-note")).toContainText(
    "good enough, but g is not a label",
  );
  await expect
    .poll(async () => (await storedSession(GEMINI)).turns[0]!.label.note)
    .toBe("good enough, but g is not a label");
  await page.reload();
  await expect(turns(page).first().getByTestId("turn-note")).toContainText(
    "good enough, but g is not a label",
  );
  await expect(page.getByTestId("turn-label-good")).toHaveCount(0);
  await expect(page.getByTestId("turn-label-bad")).toHaveCount(0);
  expect((await storedSession(GEMINI)).turns.map((turn) => turn.label.label)).toEqual([null, null]);
});

test("u walks the unlabeled turns of the list's filter across sessions, then says when all are labeled", async ({
  page,
}) => {
  // Two sessions of our own, found by a word no other session has, so the queue holds exactly their turns.
  const marker = `queue${Date.now()}`;
  const older = claudeSessionLogs([`${marker} older session, first prompt`]);
  await postLogs(older.body);
  const newer = claudeSessionLogs([`${marker} newer session, first prompt`]);
  await postLogs(newer.body);

  await page.goto(serverUrls().ui);
  await expect(page.getByTestId("session-row").first()).toBeVisible(); // rows render once the page is live
  await page.keyboard.press("/");
  await page.keyboard.type(marker);
  await expect(page.getByTestId("session-row")).toHaveCount(2);
  await page.keyboard.press("Escape");

  await page.keyboard.press("u"); // newest first
  await expect(page).toHaveURL(new RegExp(`/sessions/${newer.sessionId}\\?turn=`));
  await expect(focusedTurn(page)).toBeVisible();
  await page.keyboard.press("g");
  await expect(page.getByTestId("turn-label-good")).toBeVisible();

  await page.keyboard.press("u"); // on to the older session
  await expect(page).toHaveURL(new RegExp(`/sessions/${older.sessionId}\\?turn=`));
  await expect(focusedTurn(page)).toBeVisible();
  await page.keyboard.press("b");
  await expect(page.getByTestId("turn-label-bad")).toBeVisible();

  await page.keyboard.press("u");
  await expect(page.getByTestId("toast")).toContainText("Every turn in this list is labeled");

  await page.keyboard.press("z"); // undo works after moving between sessions
  await expect(page.getByTestId("turn-label-bad")).toHaveCount(0);
  await page.keyboard.press("[");
  await expect(page).toHaveURL(new RegExp(`/sessions/${newer.sessionId}(\\?turn=[0-9a-f]+)?$`));
  await expect(page.getByTestId("turn-label-good")).toBeVisible();
});
