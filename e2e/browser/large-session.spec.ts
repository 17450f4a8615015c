// A session of 600 real-shaped Claude Code turns (sent through the OTLP endpoint of a server of its own): the
// page keeps only the turns near the viewport in the DOM, `j` held down walks across the first window and
// several range blocks (40-turn window, 50-turn blocks) and, from a deep link, to the last turn; a deep link far
// down opens there, find reaches a match near the end, and a label typed on a far turn lands on it. (600 turns
// are 15 windows: as far from the first window as 3,000 for what is checked, and seeded in a fifth of the time.)
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { expect, test, type Page } from "@playwright/test";
import { fromOutlineColumns, OUTLINE_WINDOW, type OutlineColumns } from "@/lib/shared/session-outline";
import { spawnServer, type SpawnedServer } from "./spawn-server";

const TURNS = 600;
const MARKER = `lighthouse${Date.now()}`;
/** The turns whose prompt carries the marker (0-based positions). */
const MARKED = [15, 580];
/** Held `j` presses from the first turn: past the outline's window and two range blocks of 50. */
const HELD_FROM_START = 130;
/** Where the walk to the end starts (a deep link), and the far turns the other tests open. */
const NEAR_END = 540;
const DEEP = 560;
const FAR_LABEL = 500;
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
        outline = ((await response.json()) as { outline: OutlineColumns }).outline.ids;
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

/** A held key: the first keydown, then auto-repeats (Playwright sets `repeat` on every further down). */
async function holdJ(page: Page, presses: number): Promise<void> {
  for (let i = 0; i < presses; i++) {
    await page.keyboard.down("j");
    if (i % 40 === 0) expect(await domTurns(page)).toBeLessThanOrEqual(DOM_BOUND);
  }
  await page.keyboard.up("j");
}

test("the DOM holds a bounded number of turns, and j held down crosses windows and reaches the last turn", async ({
  page,
}) => {
  test.setTimeout(300_000);
  expect(HELD_FROM_START).toBeGreaterThan(OUTLINE_WINDOW + 50);
  await page.goto(`${server.ui}/sessions/${sessionId}`);
  await expect(focused(page)).toHaveAttribute("data-turn-id", ids[0]!);
  await expect(page.getByTestId("session-progress")).toHaveText(`0/${TURNS}`);
  expect(await domTurns(page)).toBeLessThanOrEqual(DOM_BOUND);
  await holdJ(page, HELD_FROM_START);
  await expect(focused(page)).toHaveAttribute("data-turn-id", ids[HELD_FROM_START]!, { timeout: 60_000 });
  expect(await onScreen(page, ids[HELD_FROM_START]!)).toBe(true);
  // the turns there are full turns (their range was fetched as the focus moved), not outlines
  await expect(focused(page).getByTestId("turn-prompt")).toBeVisible();

  // From a deep link near the end, held to the last turn.
  await page.goto(`${server.ui}/sessions/${sessionId}?turn=${ids[NEAR_END]}`);
  await expect(focused(page)).toHaveAttribute("data-turn-id", ids[NEAR_END]!);
  await holdJ(page, TURNS - 1 - NEAR_END + 5); // a few presses past the end stay on the last turn
  await expect(focused(page)).toHaveAttribute("data-turn-id", ids.at(-1)!, { timeout: 60_000 });
  await expect(focused(page)).toHaveAttribute("aria-current", "true");
  await expect(focused(page)).toHaveAttribute("aria-label", `Turn ${TURNS}`);
  expect(await onScreen(page, ids.at(-1)!)).toBe(true);
  expect(await domTurns(page)).toBeLessThanOrEqual(DOM_BOUND);
  await expect(page).toHaveURL(new RegExp(`turn=${ids.at(-1)}`));
});

test("a deep link to a turn far down opens there with that turn loaded and focused", async ({ page }) => {
  const target = ids[DEEP]!;
  await page.goto(`${server.ui}/sessions/${sessionId}?turn=${target}`);
  await expect(focused(page)).toHaveAttribute("data-turn-id", target);
  await expect(focused(page).getByTestId("turn-prompt")).toBeVisible(); // the full turn, not its outline
  await expect(focused(page).getByTestId("turn-answer")).toBeVisible();
  await expect.poll(() => onScreen(page, target)).toBe(true);
  expect(await domTurns(page)).toBeLessThanOrEqual(DOM_BOUND);
  await expect(page.locator(`[data-turn-id="${ids[0]}"]`)).toHaveCount(0);
  await page.keyboard.press("k");
  await expect(focused(page)).toHaveAttribute("data-turn-id", ids[DEEP - 1]!);
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
  const target = FAR_LABEL;
  await page.goto(`${server.ui}/sessions/${sessionId}?turn=${ids[target]}`);
  await expect(focused(page)).toHaveAttribute("data-turn-id", ids[target]!);
  await page.keyboard.press("b"); // bad, and the focus advances
  await expect(focused(page)).toHaveAttribute("data-turn-id", ids[target + 1]!);
  await page.keyboard.press("g");
  await expect(page.locator(`[data-turn-id="${ids[target]}"]`).getByTestId("turn-label-bad")).toBeVisible();
  await expect.poll(() => labelsAt(target - 1, target + 3)).toEqual([null, "bad", "good", null]);
  // nothing else in the session was labeled
  const outline = (await (await fetch(`${server.ui}/api/sessions/${sessionId}?view=outline`)).json()) as {
    outline: OutlineColumns;
  };
  expect(fromOutlineColumns(outline.outline).filter((turn) => turn.label.label !== null)).toHaveLength(2);
  await expect(page.getByTestId("session-progress")).toHaveText(`2/${TURNS}`);
});
