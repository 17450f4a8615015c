// A server with no data yet: the list says so and points to the Connect page.
import { expect, test } from "@playwright/test";
import { spawnServer, type SpawnedServer } from "./spawn-server";

let server: SpawnedServer;
test.beforeAll(async () => {
  server = await spawnServer({ empty: true });
});
test.afterAll(async () => {
  await server?.stop();
});

test("with no sessions at all, the list explains and links to /connect", async ({ page }) => {
  await page.goto(server.ui);
  const empty = page.getByTestId("empty-state");
  await expect(empty).toContainText("No sessions yet");
  await expect(empty.getByRole("link", { name: "Connect an agent" })).toHaveAttribute("href", "/connect");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText([
    "tracemark",
    "Sessions",
    "Overview",
    "Export",
    "Reasons",
    "Connect",
  ]);
});
