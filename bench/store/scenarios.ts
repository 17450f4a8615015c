// Every client's real captures (../shared/fixtures/otlp/<client>/<scenario>/<OTLP/JSON variant>) as session
// templates: one scenario's requests (logs, traces, metrics) in capture order.
import fs from "node:fs";
import path from "node:path";
import { FIXTURES } from "../../e2e/support/server";
import type { Signal } from "../../db/telemetry";
import { sessionTemplate, type SessionTemplate, type TemplateRequest } from "./templates";

/** The OTLP/JSON variant of a scenario: the captures name it either way. */
const JSON_VARIANTS = ["http-json", "http"];
const BODY = /^\d{4}-(logs|traces|metrics)\.json$/;

function loadScenario(dir: string, name: string): SessionTemplate | null {
  const requests: TemplateRequest[] = [];
  let receivedAt = Date.now();
  for (const file of fs.readdirSync(dir).sort()) {
    const match = BODY.exec(file);
    if (!match) continue;
    const meta = JSON.parse(
      fs.readFileSync(path.join(dir, file.replace(/\.json$/, ".meta.json")), "utf8"),
    ) as {
      headers?: Record<string, string>;
      at?: string;
    };
    if (requests.length === 0 && meta.at) receivedAt = Date.parse(meta.at);
    requests.push({
      signal: match[1] as Signal,
      body: fs.readFileSync(path.join(dir, file)),
      userAgent: meta.headers?.["user-agent"] ?? null,
    });
  }
  if (requests.length === 0) return null;
  const template = sessionTemplate(name, requests, receivedAt);
  // Without a UUID (the session id) every instance would be the same session.
  return template.lines.some((line) => line.fields.some((field) => field.kind === "uuid")) ? template : null;
}

/** Every scenario of every client that has an OTLP/JSON variant with a session id in it. */
export function loadScenarios(): SessionTemplate[] {
  const scenarios: SessionTemplate[] = [];
  for (const client of fs.readdirSync(FIXTURES).sort()) {
    const clientDir = path.join(FIXTURES, client);
    if (!fs.statSync(clientDir).isDirectory()) continue;
    for (const scenario of fs.readdirSync(clientDir).sort()) {
      const variant = JSON_VARIANTS.map((v) => path.join(clientDir, scenario, v)).find((d) =>
        fs.existsSync(d),
      );
      const loaded = variant ? loadScenario(variant, `${client}/${scenario}`) : null;
      if (loaded) scenarios.push(loaded);
    }
  }
  return scenarios;
}
