// Key integrity: a label key typed right after `]` or `u` (at the person's typing rhythm, 0–300 ms later)
// lands on the next session's focused turn, never on the one being left, and is never lost. Checked at the
// end through the API for every session of a dedicated set.
import { expect, test, type Page } from "@playwright/test";
import { claudeSessionLogs, postLogs, serverUrls } from "./support";

const DELAYS = [0, 20, 50, 100, 150, 300];
// 10 rounds per delay (60 per test; 20 took 40 s per test of CI): every rhythm is still typed many times over.
const PER_DELAY = 10;
const ROUNDS = DELAYS.length * PER_DELAY;

interface StoredSession {
  turns: { id: string; label: { label: string | null } }[];
}

const stored = async (id: string): Promise<StoredSession> =>
  (await (await fetch(`${serverUrls().ui}/api/sessions/${encodeURIComponent(id)}`)).json()) as StoredSession;

/** `count` sessions with `prompts` prompts each, newest first, found by `marker` alone. */
async function seed(marker: string, count: number, prompts: number): Promise<string[]> {
  const base = Date.now() - 3_600_000;
  const sessions = Array.from({ length: count }, (_, i) =>
    claudeSessionLogs(
      Array.from({ length: prompts }, (_, p) => `${marker} session ${i} prompt ${p}`),
      base - i * 10_000, // session 0 is the newest
    ),
  );
  const body = {
    resourceLogs: sessions.flatMap((s) => (s.body as { resourceLogs: unknown[] }).resourceLogs),
  };
  await postLogs(body);
  return sessions.map((s) => s.sessionId);
}

/** Opens the list filtered by `marker` (the session view's `]` and `u` follow the list's filter), then `first`. */
async function openFiltered(page: Page, marker: string, count: number, first: string): Promise<void> {
  await page.goto(`${serverUrls().ui}/?q=${marker}`);
  await expect(page.getByTestId("session-row").first()).toBeVisible();
  await expect
    .poll(
      async () =>
        (
          (await (await fetch(`${serverUrls().ui}/api/sessions?q=${marker}&limit=1`)).json()) as {
            total: number;
          }
        ).total,
    )
    .toBe(count);
  await page.goto(`${serverUrls().ui}/sessions/${first}`);
  await expect(page.getByTestId("turn").first()).toBeVisible();
}

const labelKeyOf = (round: number): "g" | "b" => (round % 2 === 0 ? "g" : "b");
const labelOf = (round: number): "good" | "bad" => (round % 2 === 0 ? "good" : "bad");
const delayOf = (round: number): number => DELAYS[Math.floor(round / PER_DELAY)]!;

test("a label typed 0–300 ms after ] lands on the next session's first turn", async ({ page }) => {
  test.setTimeout(900_000);
  const marker = `raceolder${Date.now()}`;
  const ids = await seed(marker, ROUNDS + 1, 2);
  await openFiltered(page, marker, ROUNDS + 1, ids[0]!);
  await page.keyboard.press("g"); // session 0, turn 1 good: the focus moves to turn 2, which `]` must not label

  for (let round = 0; round < ROUNDS; round++) {
    await page.keyboard.press("]");
    if (delayOf(round) > 0) await page.waitForTimeout(delayOf(round)); // the person's typing rhythm
    await page.keyboard.press(labelKeyOf(round));
    const next = ids[round + 1]!;
    await expect(page).toHaveURL(new RegExp(`/sessions/${next}`));
    await expect(
      page
        .locator('[data-testid="turn"]')
        .first()
        .getByTestId(`turn-label-${labelOf(round)}`),
    ).toBeVisible();
  }

  await expect
    .poll(async () => (await stored(ids[ROUNDS]!)).turns[0]!.label.label, { timeout: 30_000 })
    .toBe(labelOf(ROUNDS - 1));
  const first = await stored(ids[0]!);
  expect(first.turns.map((turn) => turn.label.label)).toEqual(["good", null]);
  for (let round = 0; round < ROUNDS; round++) {
    const session = await stored(ids[round + 1]!);
    expect(
      session.turns.map((turn) => turn.label.label),
      `round ${round} (delay ${delayOf(round)} ms)`,
    ).toEqual([labelOf(round), null]);
  }
});

test("a label typed 0–300 ms after u lands on the next unlabeled turn", async ({ page }) => {
  test.setTimeout(900_000);
  const marker = `raceunlabeled${Date.now()}`;
  const ids = await seed(marker, ROUNDS + 1, 1);
  await openFiltered(page, marker, ROUNDS + 1, ids[0]!);

  const targets: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const focused = await page
      .locator('[data-testid="turn"][data-focused="true"]')
      .getAttribute("data-turn-id");
    // Where `u` goes, asked the same way the view asks (labels so far are saved: their badges showed).
    const next = (await (
      await fetch(`${serverUrls().ui}/api/review/next?q=${marker}&after=${focused}`)
    ).json()) as { session_id: string; turn_id: string };
    targets.push(next.turn_id);
    await page.keyboard.press("u");
    if (delayOf(round) > 0) await page.waitForTimeout(delayOf(round));
    await page.keyboard.press(labelKeyOf(round));
    await expect(page).toHaveURL(new RegExp(`/sessions/${next.session_id}`));
    await expect(
      page.locator(`[data-turn-id="${next.turn_id}"]`).getByTestId(`turn-label-${labelOf(round)}`),
    ).toBeVisible();
  }

  await expect
    .poll(async () => (await stored(ids[ROUNDS]!)).turns[0]!.label.label, { timeout: 30_000 })
    .not.toBeNull();
  // Each label on its target, none elsewhere: the session left behind each time stays as it was.
  const labelByTurn = new Map<string, string | null>();
  for (const id of ids)
    for (const turn of (await stored(id)).turns) labelByTurn.set(turn.id, turn.label.label);
  targets.forEach((turnId, round) =>
    expect(labelByTurn.get(turnId), `round ${round} (delay ${delayOf(round)} ms)`).toBe(labelOf(round)),
  );
  const labeled = [...labelByTurn.values()].filter((label) => label !== null).length;
  expect(labeled).toBe(ROUNDS);
});
