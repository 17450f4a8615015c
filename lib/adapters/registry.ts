// The client registry: every client adapter, and the facts the rest of tracemark asks it for (which client
// sent a resource, a record's session key, connect guides). Adding a client = one adapter module listed here
// (then `npm run generate:clients` for the browser's list, lib/shared/clients.ts).
import type { Attrs } from "@/db/telemetry";
import type { ClientId } from "@/lib/shared/clients";
import type { ClientAdapter, UsageMetric } from "./adapter";
import { claudeCode } from "./claude-code";
import { codex } from "./codex";
import { str } from "./common";
import type { ClientGuide, Endpoints } from "./connect";
import { continueCli } from "./continue-cli";
import { copilotCli } from "./copilot-cli";
import { geminiCli } from "./gemini-cli";
import { generic } from "./generic";
import { opencode } from "./opencode";
import { qwenCode } from "./qwen-code";
import { transcriptClientOf } from "./transcript";

/**
 * Known clients, matched by resource `service.name` (each matches its own names only, so the order does not
 * decide recognition); anything else is a generic OpenTelemetry GenAI source. The order is the UI's.
 */
const KNOWN: readonly ClientAdapter[] = [
  codex,
  claudeCode,
  geminiCli,
  copilotCli,
  qwenCode,
  opencode,
  continueCli,
];

/** Every client, generic last. */
export const CLIENT_ADAPTERS: readonly ClientAdapter[] = [...KNOWN, generic];

export { generic as GENERIC_ADAPTER };

export function adapterOf(resource: Attrs): ClientAdapter {
  // transcript lines name their client on their resource (lib/adapters/transcript.ts)
  const transcriptClient = transcriptClientOf(resource);
  if (transcriptClient !== null) return KNOWN.find((adapter) => adapter.id === transcriptClient) ?? generic;
  const serviceName = str(resource, "service.name");
  return (serviceName !== null && KNOWN.find((adapter) => adapter.matchesService(serviceName))) || generic;
}

export function clientOf(resource: Attrs): ClientId {
  return adapterOf(resource).id;
}

/**
 * Whose session-key attributes win when a record carries several (then every client in registry order):
 * Claude Code records carry both `session.id` (the session) and `gen_ai.conversation.id`.
 */
const SESSION_KEYS_FIRST: readonly ClientAdapter[] = [claudeCode, geminiCli];

/**
 * Every attribute that names a session, in priority order: the clients' own lists merged (Claude Code and
 * Gemini CLI `session.id`, Codex `conversation.id`, OpenTelemetry GenAI `gen_ai.conversation.id`). One list
 * for every record, whoever sent it: a record is keyed before anything knows its session's client.
 */
export const SESSION_KEY_ATTRIBUTES: readonly string[] = [
  ...new Set([...SESSION_KEYS_FIRST, ...CLIENT_ADAPTERS].flatMap((adapter) => adapter.sessionKeys)),
];

/** A record's own session key: the first SESSION_KEY_ATTRIBUTES value, record attributes before resource. */
export function sessionKeyOf(attrs: Attrs, resource: Attrs): string | null {
  for (const source of [attrs, resource]) {
    for (const name of SESSION_KEY_ATTRIBUTES) {
      const value = source[name];
      if (typeof value === "string" && value !== "") return value;
    }
  }
  return null;
}

/** The Connect page's guides, one per client that has a configuration to paste. */
export function connectGuides(endpoints: Endpoints): ClientGuide[] {
  return CLIENT_ADAPTERS.flatMap((adapter) =>
    adapter.connect ? [{ client: adapter.id, name: adapter.name, ...adapter.connect(endpoints) }] : [],
  );
}

/** Clients that send metrics only (no session id, no events): they never have sessions. */
export const isMetricsOnlyClient = (client: string): boolean =>
  CLIENT_ADAPTERS.some((adapter) => adapter.id === client && adapter.metricsOnly === true);

/** Every usage metric a client declares (the Overview's metrics-only panel), by metric name. */
export function usageMetrics(): Map<string, UsageMetric> {
  const all = new Map<string, UsageMetric>();
  for (const adapter of CLIENT_ADAPTERS)
    for (const metric of adapter.usageMetrics ?? []) all.set(metric.name, metric);
  return all;
}
