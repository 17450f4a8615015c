// A session of 3,000 real-shaped Claude Code turns (sent through the OTLP endpoint of a server of its own):
// the page keeps only the turns near the viewport in the DOM, `j` held down walks to the last turn, a deep
// link far down opens there, find reaches a match near the end, and a label typed on a far turn lands on it.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { expect, test, type Page } from "@playwright/test";
import { spawnServer, type SpawnedServer } from "./spawn-server";

const TURNS = 3_000;
const MARKER = `lighthouse${Date.now()}`;
/** The turns whose prompt carries the marker (0-based positions). */
const MARKED = [15, 2_950];
/** Far fewer than the session has: what fits a screen or two plus the overscan. */
const DOM_BOUND = 40;

let server: SpawnedServer;
let sessionId: string;
let ids: string[];

function seed(): Promise<string> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "e2e/browser/seed-large-session.ts",
      server.otlpHttp,
      server.ui,
      String(TURNS),
      MARKER,
      ...MARKED.map(String),
    ],
    { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] },
  );
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", (line) =>
      resolve((JSON.parse(line) as { sessionId: string }).sessionId),
    );
    child.once("exit", (code) => (code === 0 ? undefined : reject(new Error(`seeding exited with ${code}`))));
  });
}

/** The turn ids in order, once all of them are built. */
async function builtTurnIds(): Promise<string[]> {
  let outline: string[] = [];
  await expect
    .poll(
      async () => {
        const response = await fetch(`${server.ui}/api/sessions/${sessionId}?view=outline`);
        if (response.status !== 200) return 0;
        outline = ((await response.json()) as { outline: { id: string }[] }).outline.map((turn) => turn.id);
        return outline.length;
      },
      { timeout: 240_000, intervals: [1_000] },
    )
    .toBe(TURNS);
  return outline;
}

const labelsAt = async (from: number, to: number): Promise<(string | null)[]> =>
  (
    (await (await fetch(`${server.ui}/api/sessions/${sessionId}/turns?from=${from}&to=${to}`)).json()) as {
      turns: { label: { label: string | null } }[];
    }
  ).turns.map((turn) => turn.label.label);

const focused = (page: Page) => page.locator('[data-testid="turn"][data-focused="true"]');
const domTurns = (page: Page) => page.getByTestId("turn").count();
const onScreen = (page: Page, turnId: string) =>
  page.locator(`[data-turn-id="${turnId}"]`).evaluate((node) => {
    const rect = node.getBoundingClientRect();
    return rect.bottom > 0 && rect.top < window.innerHeight;
  });

test.beforeAll(async () => {
  test.setTimeout(360_000);
  server = await spawnServer({ empty: true });
  sessionId = await seed();
  ids = await builtTurnIds();
});
test.afterAll(async () => {
  await server?.stop();
});

test("the DOM holds a bounded number of turns, and j held down reaches the last turn", async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto(`${server.ui}/sessions/${sessionId}`);
  await expect(focused(page)).toHaveAttribute("data-turn-id", ids[0]!);
  await expect(page.getByTestId("session-progress")).toHaveText(`0/${TURNS}`);
  expect(await domTurns(page)).toBeLessThanOrEqual(DOM_BOUND);
  // A held key: the first keydown, then auto-repeats (Playwright sets `repeat` on every further down).
  for (let i = 0; i < TURNS - 1; i++) {
    await page.keyboard.down("j");
    if (i % 500 === 0) expect(await domTurns(page)).toBeLessThanOrEqual(DOM_BOUND);
  }
  await page.keyboard.up("j");
  await expect(focused(page)).toHaveAttribute("data-turn-id", ids.at(-1)!, { timeout: 60_000 });
  await expect(focused(page)).toHaveAttribute("aria-current", "true");
  await expect(focused(page)).toHaveAttribute("aria-label", `Turn ${TURNS}`);
  expect(await onScreen(page, ids.at(-1)!)).toBe(true);
  expect(await domTurns(page)).toBeLessThanOrEqual(DOM_BOUND);
  await expect(page).toHaveURL(new RegExp(`turn=${ids.at(-1)}`));
});

test("a deep link to turn 2,900 opens there with that turn loaded and focused", async ({ page }) => {
  const target = ids[2_899]!;
  await page.goto(`${server.ui}/sessions/${sessionId}?turn=${target}`);
  await expect(focused(page)).toHaveAttribute("data-turn-id", target);
  await expect(focused(page).getByTestId("turn-prompt")).toBeVisible(); // the full turn, not its outline
  await expect(focused(page).getByTestId("turn-answer")).toBeVisible();
  await expect.poll(() => onScreen(page, target)).toBe(true);
  expect(await domTurns(page)).toBeLessThanOrEqual(DOM_BOUND);
  await expect(page.locator(`[data-turn-id="${ids[0]}"]`)).toHaveCount(0);
  await page.keyboard.press("k");
  await expect(focused(page)).toHaveAttribute("data-turn-id", ids[2_898]!);
});

test("find reaches a match near the end, far outside what is rendered", async ({ page }) => {
  await page.goto(`${server.ui}/sessions/${sessionId}`);
  await expect(focused(page)).toHaveAttribute("data-turn-id", ids[0]!);
  await page.keyboard.press("/");
  await expect(page.getByTestId("find-input")).toBeFocused();
  await page.keyboard.type(MARKER);
  await page.keyboard.press("Enter");
  await expect(focused(page)).toHaveAttribute("data-turn-id", ids[MARKED[0]!]!);
  await expect(page.getByTestId("find-status")).toHaveText("turn 1 of 2 matching");
  await page.keyboard.press("Enter");
  const far = ids[MARKED[1]!]!;
  await expect(focused(page)).toHaveAttribute("data-turn-id", far);
  await expect(page.getByTestId("find-status")).toHaveText("turn 2 of 2 matching");
  await expect.poll(() => onScreen(page, far)).toBe(true);
  await expect(focused(page).getByTestId("turn-prompt")).toContainText(MARKER);
  await expect
    .poll(async () => Number(await page.getByTestId("find-status").getAttribute("data-highlights")))
    .toBeGreaterThan(0);
});

test("a label typed on a far turn lands on that turn, and only there", async ({ page }) => {
  const target = 2_500;
  await page.goto(`${server.ui}/sessions/${sessionId}?turn=${ids[target]}`);
  await expect(focused(page)).toHaveAttribute("data-turn-id", ids[target]!);
  await page.keyboard.press("b"); // bad, and the focus advances
  await expect(focused(page)).toHaveAttribute("data-turn-id", ids[target + 1]!);
  await page.keyboard.press("g");
  await expect(page.locator(`[data-turn-id="${ids[target]}"]`).getByTestId("turn-label-bad")).toBeVisible();
  await expect.poll(() => labelsAt(target - 1, target + 3)).toEqual([null, "bad", "good", null]);
  // nothing else in the session was labeled
  const outline = (await (await fetch(`${server.ui}/api/sessions/${sessionId}?view=outline`)).json()) as {
    outline: { label: { label: string | null } }[];
  };
  expect(outline.outline.filter((turn) => turn.label.label !== null)).toHaveLength(2);
  await expect(page.getByTestId("session-progress")).toHaveText(`2/${TURNS}`);
});
