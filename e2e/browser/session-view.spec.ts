// The session view reads like the agent's screen and keeps the reader's place: focus follows scrolling,
// the URL carries the focused turn, titles and nav say where you are, Markdown renders safely, every
// assistant message and the Edit diff show, find covers all turns, bulk labels undo as one step.
import { expect, test, type Page } from "@playwright/test";
import { claudeTextSession, EDIT_FILE, replayFolder, sessionIdOfFolder } from "./capture-bodies";
import { claudeSessionLogs, focusedTurn, openSession, postLogs, serverUrls, turns } from "./support";

interface Stored {
  session: { session_label: { label: string | null } };
  turns: { id: string; label: { label: string | null } }[];
}
const stored = async (id: string): Promise<Stored> =>
  (await (await fetch(`${serverUrls().ui}/api/sessions/${id}`)).json()) as Stored;

/** A session of `count` prompts tall enough to scroll (each prompt is a screenful of lines). */
async function tallSession(marker: string, count: number): Promise<string> {
  const prompts = Array.from(
    { length: count },
    (_, i) =>
      `${marker} prompt ${i + 1} tag${i + 1}z\n${Array.from({ length: 14 }, (_, l) => `line ${l} of prompt ${i + 1}`).join("\n")}`,
  );
  const { body, sessionId } = claudeSessionLogs(prompts);
  await postLogs(body);
  return sessionId;
}

const inViewport = (page: Page, turnId: string) =>
  page.locator(`[data-turn-id="${turnId}"]`).evaluate((node) => {
    const rect = node.getBoundingClientRect();
    return rect.bottom > 0 && rect.top < window.innerHeight;
  });

test("after wheel-scrolling to the last turn, b labels a turn on screen and the page stays", async ({
  page,
}) => {
  const id = await tallSession(`wheel${Date.now()}`, 10);
  await openSession(page, id);
  // Only the turns near the viewport are in the page (virtualized): the session's turns come from the API.
  const lastId = (await stored(id)).turns.at(-1)!.id;
  await page.mouse.move(640, 400);
  for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 800);
  // Turns are measured as they render, so the page can grow after the first arrival at the bottom: keep
  // wheeling, as a reader would, until the end is reached and the last turn is focused.
  await expect
    .poll(async () => {
      await page.mouse.wheel(0, 800);
      return focusedTurn(page).getAttribute("data-turn-id");
    })
    .toBe(lastId);
  expect(
    await page.evaluate(
      () => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2,
    ),
  ).toBe(true);
  const before = await page.evaluate(() => window.scrollY);
  await page.keyboard.press("b");
  await expect
    .poll(async () => (await stored(id)).turns.findIndex((turn) => turn.label.label === "bad"))
    .toBe(9);
  expect(await inViewport(page, lastId)).toBe(true);
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - before)).toBeLessThan(50);
  expect((await stored(id)).turns.filter((turn) => turn.label.label !== null)).toHaveLength(1);
});

test("PageDown moves the focus to the turn being read", async ({ page }) => {
  const id = await tallSession(`pagedown${Date.now()}`, 10);
  await openSession(page, id);
  const firstId = await turns(page).first().getAttribute("data-turn-id");
  await page.keyboard.press("PageDown");
  await page.keyboard.press("PageDown");
  await expect(focusedTurn(page)).not.toHaveAttribute("data-turn-id", firstId!);
  const focused = await focusedTurn(page).getAttribute("data-turn-id");
  expect(await inViewport(page, focused!)).toBe(true);
});

test("the URL carries the focused turn: reload lands on it, Back goes to the list; title and nav say where", async ({
  page,
}) => {
  const marker = `place${Date.now()}`;
  const id = await tallSession(marker, 4);
  await page.goto(`${serverUrls().ui}/?q=${marker}`);
  await page.locator(`[data-testid="session-row"][data-session-id="${id}"]`).click();
  const ids = (await stored(id)).turns.map((turn) => turn.id);
  await expect(focusedTurn(page)).toHaveAttribute("data-turn-id", ids[0]!);
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  // Opened from a search, the URL also carries its terms (`q=`) beside the focused turn.
  await expect(page).toHaveURL(new RegExp(`/sessions/${id}\\?(?:q=[^&]*&)?turn=${ids[2]}`));
  await expect(page).toHaveTitle(new RegExp(`^${marker} prompt 1 tag1z .*· Session · tracemark$`));
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions" }),
  ).toHaveAttribute("aria-current", "page");
  await page.reload();
  await expect(focusedTurn(page)).toHaveAttribute("data-turn-id", ids[2]!);
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/\\?q=${marker}$`));
});

test("a Markdown answer renders bold, a table and highlighted code; markup and javascript: links stay inert", async ({
  page,
}) => {
  const answer = [
    "## Result",
    "The **total** is fixed.",
    "",
    "| file | change |",
    "| --- | --- |",
    "| cart.ts | rounding |",
    "",
    "```ts",
    "const total: number = 1;",
    "```",
    "",
    '<script>window.__xss=1</script><img src=x onerror="window.__xss=1">',
    "",
    "[click me](javascript:window.__xss=1)",
  ].join("\n");
  const { body, sessionId } = claudeTextSession(`markdown${Date.now()} please fix the total`, answer);
  await postLogs(body);
  await openSession(page, sessionId);
  const rendered = turns(page).first().getByTestId("turn-answer");
  await expect(rendered.locator("strong")).toHaveText("total");
  await expect(rendered.locator("h2")).toHaveText("Result");
  await expect(rendered.locator("table td").first()).toHaveText("cart.ts");
  await expect(rendered.locator("pre code.hljs .hljs-keyword").first()).toHaveText("const");
  await expect(page.locator("main img, main script")).toHaveCount(0);
  await expect(rendered).toContainText("<script>window.__xss=1</script>");
  const link = rendered.getByText("click me");
  expect(await link.evaluate((node) => node.closest("a")?.getAttribute("href") ?? "")).not.toContain(
    "javascript",
  );
  const url = page.url();
  await link.click();
  await page.waitForTimeout(300); // an onerror or a javascript: navigation would have happened by now
  expect(page.url()).toBe(url);
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();

  await page.getByTestId("raw-toggle").check();
  await expect(rendered).toContainText("The **total** is fixed.");
  await expect(rendered.locator("strong")).toHaveCount(0);
  await page.getByTestId("raw-toggle").uncheck();
});

test("a Claude Code turn shows every assistant message in order and its Edit as a diff", async ({ page }) => {
  await replayFolder(EDIT_FILE);
  await openSession(page, sessionIdOfFolder(EDIT_FILE));
  const turn = turns(page).first();
  await expect(turn.getByTestId("assistant-message")).toHaveText([
    "I'll read main.py first.",
    'main.py prints "hi". Now I\'ll change the greeting.',
  ]);
  await expect(turn.getByTestId("turn-answer")).toHaveText(
    'Changed main.py: it now prints "hello, world" instead of "hi".',
  );
  // In order: message, Read, message, Edit.
  const order = await turn
    .locator('[aria-label="Steps"] > li')
    .evaluateAll((items) =>
      items.map(
        (item) =>
          item.querySelector("[data-testid]")?.getAttribute("data-testid") +
          ":" +
          (item.querySelector("[data-tool-name]")?.getAttribute("data-tool-name") ?? ""),
      ),
    );
  expect(order.filter((step) => !step.startsWith("api-call"))).toEqual([
    "assistant-message:",
    "tool-call:Read",
    "assistant-message:",
    "tool-call:Edit",
  ]);
  const diff = turn.locator('[data-tool-name="Edit"]').getByTestId("tool-diff");
  await expect(diff.getByTestId("diff-removed")).toHaveText(['-print("hi")']);
  await expect(diff.getByTestId("diff-added")).toHaveText(['+print("hello, world")']);
});

test("find searches every turn; ?q= focuses the first match with the terms highlighted", async ({ page }) => {
  const marker = `find${Date.now()}`;
  const id = await tallSession(marker, 12);
  await openSession(page, id);
  await page.keyboard.press("/");
  await expect(page.getByTestId("find-input")).toBeFocused();
  await page.keyboard.type("tag11z");
  await page.keyboard.press("Enter");
  // Turn 11 need not be rendered when find starts (virtualized): the ids come from the API.
  const ids = (await stored(id)).turns.map((turn) => turn.id);
  await expect(focusedTurn(page)).toHaveAttribute("data-turn-id", ids[10]!);
  await expect(page.getByTestId("find-status")).toContainText("turn 1 of 1 matching");
  await expect
    .poll(async () => Number(await page.getByTestId("find-status").getAttribute("data-highlights")))
    .toBeGreaterThan(0);

  await page.goto(`${serverUrls().ui}/sessions/${id}?q=${encodeURIComponent("tag9z prompt")}`);
  await expect(focusedTurn(page)).toHaveAttribute("data-turn-id", ids[8]!);
  await expect
    .poll(async () => Number(await page.getByTestId("find-status").getAttribute("data-highlights")))
    .toBeGreaterThan(0);
  await expect(page.getByTestId("find-input")).not.toBeFocused(); // keys still label
});

test("Shift+G labels the session and every unlabeled turn; a Shift+J range takes one key; z undoes each as one step", async ({
  page,
}) => {
  const id = await tallSession(`bulk${Date.now()}`, 5);
  await openSession(page, id);
  await page.keyboard.press("b"); // turn 1 bad, focus on turn 2
  await page.keyboard.press("Shift+J");
  await page.keyboard.press("Shift+J"); // turns 2–4
  await page.keyboard.press("g");
  const labels = async () => {
    const detail = await stored(id);
    return [detail.session.session_label.label, ...detail.turns.map((turn) => turn.label.label)];
  };
  await expect.poll(labels).toEqual([null, "bad", "good", "good", "good", null]);
  await page.keyboard.press("z");
  await expect.poll(labels).toEqual([null, "bad", null, null, null, null]);
  await page.keyboard.press("Shift+G");
  await expect.poll(labels).toEqual(["good", "bad", "good", "good", "good", "good"]);
  await page.keyboard.press("z");
  await expect.poll(labels).toEqual([null, "bad", null, null, null, null]);
});

test("at 390 px the session view has no horizontal scroll, in both themes", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await replayFolder(EDIT_FILE);
  const long = `wide${Date.now()} ${"x".repeat(400)}\n\n\`\`\`\n${"y".repeat(400)}\n\`\`\`\n\n| a | b |\n| - | - |\n| ${"z".repeat(300)} | 1 |`;
  const { body, sessionId } = claudeTextSession(long, long);
  await postLogs(body);
  for (const [id, colorScheme] of [
    [sessionIdOfFolder(EDIT_FILE), "light"],
    [sessionId, "light"],
    [sessionIdOfFolder(EDIT_FILE), "dark"],
    [sessionId, "dark"],
  ] as const) {
    await page.emulateMedia({ colorScheme });
    await openSession(page, id);
    await expect(turns(page).first().getByTestId("turn-answer")).toBeVisible();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
  }
});
