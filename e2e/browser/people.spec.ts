// Two people on a server of their own (docs/team.md "People"): ann signs in with her personal token and sees
// bob's labels beside hers, the disagreement marker where they differ (turn header and list row), the
// "labeled by someone else, not me" filter, and the Overview's agreement panel.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import os from "node:os";
import { spawnServer, type SpawnedServer } from "./spawn-server";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tracemark-people-ui-"));
let server: SpawnedServer;
let secondTurn = "";
const tokens: Record<string, string> = {};

const addPerson = (name: string): string =>
  execFileSync(process.execPath, ["--import", "tsx", "scripts/users.ts", "add", name], {
    cwd: process.cwd(),
    env: { ...process.env, TRACEMARK_DATA_DIR: dataDir },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();

async function label(name: string, turnId: string, value: "good" | "bad"): Promise<void> {
  const response = await fetch(`${server.ui}/api/turns/${turnId}/label`, {
    method: "PUT",
    headers: { authorization: `Bearer ${tokens[name]}`, "content-type": "application/json" },
    body: JSON.stringify({ label: value }),
  });
  expect(response.status).toBe(200);
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  // seeded and settled before anyone is added (then the server notices the people at its next request)
  server = await spawnServer({ dataDir, captures: ["codex/multi_turn/http-json"] });
  tokens.ann = addPerson("ann");
  tokens.bob = addPerson("bob");
  const auth = { authorization: `Bearer ${tokens.ann}` };
  await expect
    .poll(
      async () =>
        (
          (await (await fetch(`${server.ui}/api/stats?settle=1`, { headers: auth })).json()) as {
            turns: number;
          }
        ).turns,
      { timeout: 120_000 },
    )
    .toBe(2);
  const list = (await (await fetch(`${server.ui}/api/sessions`, { headers: auth })).json()) as {
    sessions: { id: string }[];
  };
  const detail = (await (
    await fetch(`${server.ui}/api/sessions/${list.sessions[0]!.id}`, { headers: auth })
  ).json()) as {
    turns: { id: string }[];
  };
  const [first, second] = detail.turns.map((turn) => turn.id);
  await label("bob", first!, "bad");
  await label("bob", second!, "good");
  secondTurn = second!;
  await label("ann", first!, "good");
});

test.afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("ann signs in and sees bob's labels, the disagreement, the review filter and the agreement", async ({
  page,
}) => {
  await page.goto(server.ui);
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Token").fill(tokens.ann!);
  await page.getByRole("button", { name: "Sign in" }).click();

  const row = page.getByTestId("session-row");
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("session-disagreements")).toBeVisible();
  await expect(row.getByTestId("session-others-labeled")).toHaveText("2 by others");

  await page.getByLabel("Label state").selectOption("others-not-me");
  await expect(page).toHaveURL(/label_state=others-not-me/);
  await expect(row).toHaveCount(1); // bob labeled the second turn, ann has not

  await row.click();
  const turns = page.getByTestId("turn");
  await expect(turns).toHaveCount(2);
  await expect(turns.nth(0).getByTestId("turn-label-good")).toBeVisible();
  await expect(turns.nth(0).getByTestId("other-label-bob")).toHaveText("bob ✗");
  await expect(turns.nth(0).getByTestId("turn-disagreement")).toBeVisible();
  await expect(turns.nth(1).getByTestId("other-label-bob")).toHaveText("bob ✓");
  await expect(turns.nth(1).getByTestId("turn-disagreement")).toHaveCount(0);
  // bob changes his mind while ann looks: his chip follows live, ann's own label stays hers
  await label("bob", secondTurn, "bad");
  await expect(turns.nth(1).getByTestId("other-label-bob")).toHaveText("bob ✗");
  await expect(turns.nth(1).getByTestId("turn-label-bad")).toHaveCount(0);

  await page.goto(`${server.ui}/overview?range=all`);
  const agreement = page.getByTestId("agreement");
  await expect(agreement.getByTestId("agreement-row")).toHaveText(/ann · bob\s*1\s*0%\s*0\.00/);
});
