// First run: from the empty list to the Connect page, which shows configurations with this server's actual
// ports; once an agent's telemetry arrives, that client's live indicator says so.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { FIXTURE_ROOT } from "./captures";
import { spawnServer, type SpawnedServer } from "./spawn-server";

let server: SpawnedServer;
test.beforeAll(async () => {
  server = await spawnServer({ empty: true });
});
test.afterAll(async () => {
  await server?.stop();
});

test("empty list → Connect shows configs with the real ports → replayed data lights up its client", async ({
  page,
}) => {
  const httpPort = new URL(server.otlpHttp).port;
  const grpcPort = server.grpc.split(":").at(-1)!;
  await page.goto(server.ui);
  await page.getByTestId("empty-state").getByRole("link", { name: "Connect an agent" }).click();
  await expect(page).toHaveURL(/\/connect$/);

  const codex = page.getByTestId("connect-codex");
  await expect(codex.getByTestId("snippet").first()).toContainText(`http://127.0.0.1:${httpPort}/v1/logs`);
  await expect(codex.getByTestId("snippet").last()).toContainText(`http://127.0.0.1:${grpcPort}`);
  await expect(page.getByTestId("connect-claude-code").getByTestId("snippet").first()).toContainText(
    `OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:${httpPort}`,
  );
  await expect(page.getByTestId("connect-gemini-cli").getByTestId("snippet").first()).toContainText(
    `"otlpEndpoint": "http://127.0.0.1:${grpcPort}"`,
  );
  await expect(page.getByTestId("client-status-codex")).toContainText("No data yet");

  // Codex's real telemetry arrives (its multi-turn capture, replayed over OTLP/HTTP JSON).
  const folder = path.join(FIXTURE_ROOT, "codex", "multi_turn", "http-json");
  for (const file of fs
    .readdirSync(folder)
    .filter((f) => /^\d{4}-\w+\.json$/.test(f))
    .sort()) {
    const signal = /-(\w+)\.json$/.exec(file)![1]!;
    const response = await fetch(`${server.otlpHttp}/v1/${signal}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: fs.readFileSync(path.join(folder, file)),
    });
    expect(response.status).toBe(200);
  }
  await expect(page.getByTestId("client-status-codex")).toContainText(/Last data .* 1 session/, {
    timeout: 15_000,
  });
  await expect(page.getByTestId("client-status-claude-code")).toContainText("No data yet");
});
