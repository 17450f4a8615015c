// The new clients in the browser, fed through the real OTLP endpoints: a metrics-only client (Continue) is
// live on Connect and says why it has no sessions, in the list and with its usage in the Overview; a Qwen Code
// session shows its client name and version, and its tool call's arguments and error text.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { FIXTURES_MORE_DIR } from "../support/fixtures-dir";
import { spawnServer, type SpawnedServer } from "./spawn-server";

let server: SpawnedServer;
test.beforeAll(async () => {
  server = await spawnServer({ empty: true });
  for (const folder of ["continue/text", "qwen/tool-fail"]) {
    const dir = path.join(FIXTURES_MORE_DIR, folder);
    for (const file of fs
      .readdirSync(dir)
      .filter((f) => /^\d{4}-\w+\.json$/.test(f))
      .sort()) {
      const signal = /-(\w+)\.json$/.exec(file)![1]!;
      const response = await fetch(`${server.otlpHttp}/v1/${signal}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: fs.readFileSync(path.join(dir, file)),
      });
      expect(response.status).toBe(200);
    }
  }
});
test.afterAll(async () => {
  await server?.stop();
});

test("a metrics-only client: live on Connect, explained in the list, counted in the Overview", async ({
  page,
}) => {
  await page.goto(`${server.ui}/connect`);
  await expect(page.getByTestId("connect-continue").getByTestId("snippet").first()).toContainText(
    "OTEL_METRICS_EXPORTER=otlp",
  );
  await expect(page.getByTestId("client-status-continue")).toContainText(/Last data .*metrics only/, {
    timeout: 15_000,
  });
  await expect(page.getByTestId("connect-qwen-code").getByTestId("snippet").first()).toContainText(
    '"includeSensitiveSpanAttributes": true',
  );

  await page.goto(server.ui);
  await page.getByRole("combobox", { name: "Client" }).selectOption("continue");
  await expect(page.getByTestId("metrics-only-empty")).toContainText("sends metrics only");
  await page.getByTestId("metrics-only-empty").getByRole("link", { name: "Overview" }).click();
  const row = page.getByTestId("metrics-only-row");
  await expect(row).toHaveCount(1, { timeout: 15_000 });
  await expect(row).toContainText("290");
  await expect(row).toContainText("28");
  await expect(row).toContainText("gpt-4.1");
});

test("a Qwen Code session shows its client and version, the failed tool's arguments, error text and exit code", async ({
  page,
}) => {
  await page.goto(server.ui);
  await page.getByText("Show me what is in the missing folder.").first().click();
  await expect(page.getByText("0.24.4").first()).toBeVisible();
  await expect(page.getByText("ls /nonexistent-dir-for-mock").first()).toBeVisible();
  await expect(page.getByText(/No such file or directory/).first()).toBeVisible();
  await expect(page.getByText("exit 2", { exact: true }).first()).toBeVisible();
});
