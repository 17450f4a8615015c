// The sessions list at scale and in search: snippets that show where a search matched (a tool output, a
// note), sortable column headers, continuous scrolling, and the place kept when going back from a session.
// Its generated sessions start in 2020, so they sit below everything other specs look at in the list.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { FIXTURE_ROOT } from "./captures";
import { claudeSessionLogs, postLogs, serverUrls } from "./support";

interface Summary {
  id: string;
  turns: number;
}
interface Detail {
  turns: { id: string }[];
}

const api = async <T>(path: string): Promise<T> =>
  (await (await fetch(`${serverUrls().ui}${path}`)).json()) as T;
const rows = (page: Page) => page.getByTestId("session-row");

/** `count` Claude Code sessions whose first prompt carries `word`, started on consecutive minutes of 2020. */
async function postOldSessions(word: string, count: number, turnsEach = 1): Promise<string[]> {
  const base = BigInt(Date.UTC(2020, 0, 1)) * 1_000_000n;
  const ids: string[] = [];
  const records: unknown[] = [];
  let resource: unknown;
  for (let i = 0; i < count; i++) {
    const prompts = Array.from(
      { length: turnsEach },
      (_, t) =>
        `${word} session ${i} prompt ${t}: a longer first prompt so a card shows it over more than one line on a phone`,
    );
    const { body, sessionId } = claudeSessionLogs(prompts);
    const logs = (
      body as {
        resourceLogs: {
          resource: unknown;
          scopeLogs: { logRecords: { timeUnixNano: string; observedTimeUnixNano: string }[] }[];
        }[];
      }
    ).resourceLogs[0]!;
    resource = logs;
    const shift = base + BigInt(i) * 60_000_000_000n;
    const first = BigInt(logs.scopeLogs[0]!.logRecords[0]!.timeUnixNano);
    for (const record of logs.scopeLogs[0]!.logRecords) {
      const at = String(shift + (BigInt(record.timeUnixNano) - first));
      records.push({ ...record, timeUnixNano: at, observedTimeUnixNano: at });
    }
    ids.push(sessionId);
  }
  const template = resource as { resource: unknown; scopeLogs: { scope: unknown }[] };
  await postLogs({
    resourceLogs: [
      {
        resource: template.resource,
        scopeLogs: [{ scope: template.scopeLogs[0]!.scope, logRecords: records }],
      },
    ],
  });
  return ids;
}

/**
 * The real Codex tool-call capture's logs as a new session in 2020: fresh conversation and trace ids, and
 * `word` appended to the tool's output (the only place it appears).
 */
async function postCodexToolSession(word: string): Promise<string> {
  const text = fs.readFileSync(path.join(FIXTURE_ROOT, "codex/tool_call/http-json/0004-logs.json"), "utf8");
  const { resourceLogs } = JSON.parse(text) as {
    resourceLogs: { scopeLogs: { logRecords: Record<string, unknown>[] }[] }[];
  };
  const sessionId = randomUUID();
  const traces = new Map<string, string>();
  const records = resourceLogs.flatMap((r) => r.scopeLogs.flatMap((scope) => scope.logRecords));
  const first = BigInt(records[0]!.timeUnixNano as string);
  const shift = BigInt(Date.UTC(2020, 0, 2)) * 1_000_000n - first;
  for (const record of records) {
    for (const key of ["timeUnixNano", "observedTimeUnixNano"])
      if (typeof record[key] === "string") record[key] = String(BigInt(record[key]) + shift);
    if (typeof record.traceId === "string" && record.traceId) {
      if (!traces.has(record.traceId)) traces.set(record.traceId, randomUUID().replaceAll("-", ""));
      record.traceId = traces.get(record.traceId);
    }
    for (const attribute of record.attributes as { key: string; value: { stringValue?: string } }[]) {
      if (attribute.key === "conversation.id") attribute.value = { stringValue: sessionId };
      if (attribute.key === "output")
        attribute.value = { stringValue: `${attribute.value.stringValue ?? ""}\n${word}` };
    }
  }
  await postLogs({ resourceLogs });
  return sessionId;
}

test("search results show where they matched: a word only in a tool output, a word only in a note", async ({
  page,
}) => {
  const toolSession = await postCodexToolSession("wapitiwhistle");
  await page.goto(`${serverUrls().ui}/?q=wapitiwhistle`);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toHaveAttribute("data-session-id", toolSession);
  const snippet = page.getByTestId("search-snippet");
  await expect(snippet).toHaveAttribute("data-field", "tools");
  await expect(snippet).toContainText("turn 1 · tool call");
  await expect(snippet.locator("mark")).toHaveText("wapitiwhistle");

  const [id] = await postOldSessions("notetarget", 1);
  const detail = await api<Detail>(`/api/sessions/${id}`);
  const note = "checked: the <b>ptarmigan</b> answer is right";
  const put = await fetch(`${serverUrls().ui}/api/turns/${detail.turns[0]!.id}/label`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ note }),
  });
  expect(put.status).toBe(200);
  await page.goto(`${serverUrls().ui}/?q=ptarmigan`);
  await expect(rows(page)).toHaveCount(1);
  const noteSnippet = page.getByTestId("search-snippet");
  await expect(noteSnippet).toHaveAttribute("data-field", "note");
  await expect(noteSnippet.locator("mark")).toHaveText("ptarmigan");
  // The note's markup is shown as text: no <b> element was made from it.
  await expect(noteSnippet).toContainText("<b>");
  await expect(noteSnippet.locator("b")).toHaveCount(0);
  // Opening the result passes the search on to the session.
  await rows(page).first().click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${id}\\?q=ptarmigan(&turn=[0-9a-f]+)?$`));
});

test("column headers sort the list, a second click flips the order", async ({ page }) => {
  await postOldSessions("sortcheck", 3, 1);
  await postOldSessions("sortcheck", 2, 3);
  await page.goto(`${serverUrls().ui}/?q=sortcheck`);
  await expect(rows(page)).toHaveCount(5);
  await page.getByTestId("sort-turns").click();
  await expect(page).toHaveURL(/sort=turns/);
  const turnsColumn = async (): Promise<number[]> => {
    const ids = await rows(page).evaluateAll((links) =>
      links.map((link) => link.getAttribute("data-session-id")!),
    );
    const list = await api<{ sessions: Summary[] }>(`/api/sessions?limit=500&q=sortcheck`);
    return ids.map((id) => list.sessions.find((s) => s.id === id)!.turns);
  };
  await expect.poll(turnsColumn).toEqual([3, 3, 1, 1, 1]);
  await expect(page.getByTestId("sort-turns")).toHaveAttribute("data-sorted", "desc");
  await page.getByTestId("sort-turns").click();
  await expect(page).toHaveURL(/sort=turns&order=asc/);
  await expect.poll(turnsColumn).toEqual([1, 1, 1, 3, 3]);
});

test("scrolling loads page after page; back from a session restores rows, selection and scroll", async ({
  page,
}) => {
  const count = 130;
  await postOldSessions("placekept", count);
  await page.goto(`${serverUrls().ui}/?q=placekept`);
  await expect(page).toHaveTitle("Sessions · tracemark");
  await expect(rows(page)).toHaveCount(50);
  // No button to press: reaching the end of the list loads the next page, until all are there.
  while ((await rows(page).count()) < count) {
    const before = await rows(page).count();
    await page.mouse.wheel(0, 4000);
    await expect.poll(() => rows(page).count()).toBeGreaterThan(before);
  }
  await expect(rows(page)).toHaveCount(count);
  await expect(page.getByTestId("list-more")).toHaveCount(0);

  const target = rows(page).nth(110);
  await target.scrollIntoViewIfNeeded();
  const id = await target.getAttribute("data-session-id");
  const scrollY = await page.evaluate(() => window.scrollY);
  expect(scrollY).toBeGreaterThan(1000);
  await target.click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${id}`));
  await expect(page.getByTestId("turn").first()).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL(/\?q=placekept$/);
  await expect(rows(page)).toHaveCount(count);
  await expect(page.locator(`[data-testid="session-row"][data-selected="true"]`)).toHaveAttribute(
    "data-session-id",
    id!,
  );
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(scrollY);
  // j moves on from the restored selection, not from the top.
  await page.keyboard.press("j");
  await expect(rows(page).nth(111)).toHaveAttribute("data-selected", "true");
});

test("pages are named; the times show their zone on hover", async ({ page }) => {
  for (const [path, title] of [
    ["/overview", "Overview · tracemark"],
    ["/export", "Export · tracemark"],
    ["/connect", "Connect · tracemark"],
    ["/", "Sessions · tracemark"],
  ]) {
    await page.goto(`${serverUrls().ui}${path}`);
    await expect(page).toHaveTitle(title!);
  }
  const time = rows(page).first().locator("time");
  // timeStyle "long" names the zone: "UTC", "GMT+1", "CET", ...
  await expect(time).toHaveAttribute("title", /\d{1,2}:\d{2}:\d{2}.*(UTC|GMT|[A-Z]{3,4})/);
  const icon = await fetch(`${serverUrls().ui}/icon.svg`);
  expect(icon.status).toBe(200);
  expect(icon.headers.get("content-type")).toContain("image/svg+xml");
  await expect(page.locator('head link[rel="icon"]')).toHaveAttribute("href", /icon\.svg/);
});
