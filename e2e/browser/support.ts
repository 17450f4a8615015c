// Shared by the browser specs: the server's addresses, page helpers, and an OTLP/JSON builder for sessions
// the captures do not have (modeled on a real Claude Code capture).
import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";

export { sessionIdOf } from "./captures";

export function serverUrls(): { ui: string; otlpHttp: string } {
  const ui = process.env.TRACEMARK_E2E_UI;
  const otlpHttp = process.env.TRACEMARK_E2E_OTLP_HTTP;
  if (!ui || !otlpHttp)
    throw new Error("TRACEMARK_E2E_* not set: run through playwright.config.ts (global setup)");
  return { ui, otlpHttp };
}

const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
const int = (key: string, value: number) => ({ key, value: { intValue: value } });

/**
 * A Claude Code session as OTLP/JSON logs: per prompt a `claude_code.user_prompt` and a
 * `claude_code.api_request`, with a fresh session.id and prompt.ids, attributes as in
 * claude-code/bash/http-json/0002-logs.json.
 */
export function claudeSessionLogs(
  prompts: string[],
  startMs = Date.now(),
): { body: unknown; sessionId: string } {
  const sessionId = randomUUID();
  const startNs = BigInt(startMs) * 1_000_000n;
  const record = (promptId: string, name: string, atMs: number, attributes: unknown[]) => {
    const time = String(startNs + BigInt(atMs) * 1_000_000n);
    return {
      timeUnixNano: time,
      observedTimeUnixNano: time,
      body: { stringValue: `claude_code.${name}` },
      attributes: [
        str("session.id", sessionId),
        str("prompt.id", promptId),
        str("terminal.type", "xterm-256color"),
        str("event.name", name),
        ...attributes,
      ],
    };
  };
  const logRecords = prompts.flatMap((prompt, i) => {
    const promptId = randomUUID();
    return [
      record(promptId, "user_prompt", i * 1_000, [
        str("prompt", prompt),
        str("prompt_length", String(prompt.length)),
      ]),
      record(promptId, "api_request", i * 1_000 + 200, [
        str("model", "claude-opus-5-5"),
        int("input_tokens", 120),
        int("output_tokens", 30),
        int("duration_ms", 180),
      ]),
    ];
  });
  const body = {
    resourceLogs: [
      {
        resource: { attributes: [str("service.name", "claude-code"), str("service.version", "2.1.328")] },
        scopeLogs: [{ scope: { name: "com.anthropic.claude_code.events", version: "2.1.328" }, logRecords }],
      },
    ],
  };
  return { body, sessionId };
}

export async function postLogs(body: unknown): Promise<void> {
  const { ui, otlpHttp } = serverUrls();
  const response = await fetch(`${otlpHttp}/v1/logs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`POST /v1/logs: ${response.status} ${await response.text()}`);
  await fetch(`${ui}/api/stats?settle=1`);
}

export async function openSession(page: Page, sessionId: string): Promise<void> {
  await page.goto(`${serverUrls().ui}/sessions/${sessionId}`);
  await expect(page.getByTestId("turn").first()).toBeVisible();
}

export const turns = (page: Page) => page.getByTestId("turn");
export const focusedTurn = (page: Page) => page.locator('[data-testid="turn"][data-focused="true"]');
