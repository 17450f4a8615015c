// The Overview's wire shape (`GET /api/overview`, docs/overview.md). The UI imports these as types only.

export interface TokenUsage {
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  reasoning_tokens: number;
  /** Only Claude Code reports a cost; null when no turn in the bucket has one. */
  cost_usd: number | null;
}

export type TokenKind = keyof Omit<TokenUsage, "cost_usd">;

export interface OverviewTotals extends TokenUsage {
  sessions: number;
  turns: number;
  tool_calls: number;
  tool_failures: number;
  api_errors: number;
}

/** Turns and usage of one turn model (the turn's main model; null when the telemetry named none). */
export interface ModelUsage extends TokenUsage {
  model: string | null;
  turns: number;
}

export interface LabelCounts {
  good: number;
  bad: number;
  unlabeled: number;
}

/** One day (the viewer's day, from `utc_offset`) of sessions that *started* that day; [since, until). */
export interface OverviewDay {
  day: string; // YYYY-MM-DD
  since: string; // ISO
  until: string;
  sessions: number;
  /** Sessions that used each model (a session with two models counts under both, as the list's `model` filter). */
  sessions_by_model: { model: string | null; sessions: number }[];
  /** Turns and usage by the turn's model. */
  models: ModelUsage[];
  /** Failed model API attempts by HTTP status; `status: null` when the telemetry gave none. */
  api_errors: { status: number | null; errors: number }[];
  labels: LabelCounts;
}

export interface ToolStats {
  name: string;
  /** The MCP server for `mcp__<server>__<tool>` names, else null. */
  mcp_server: string | null;
  calls: number;
  failures: number;
  failure_rate: number; // 0..1
  p50_ms: number | null;
  p95_ms: number | null;
}

export interface McpServerStats {
  server: string;
  tools: string[];
  calls: number;
  failures: number;
}

export interface LatencyStats {
  model: string | null;
  turns: number;
  /** Turns with a time to first token (see docs/overview.md for its source per client). */
  ttft_turns: number;
  ttft_p50_ms: number | null;
  ttft_p95_ms: number | null;
  e2e_p50_ms: number | null;
  e2e_p95_ms: number | null;
}

export type LabelDimension = "tool" | "model" | "client";

/** A tool, model or client whose share of bad turns is above its share of good turns. */
export interface OverRepresented {
  dimension: LabelDimension;
  value: string | null;
  bad: number;
  good: number;
  bad_share: number; // of all bad turns in scope, 0..1
  good_share: number;
}

/** Tokens and cost a source without sessions reported in metrics (Continue), per client, day and model. */
export interface MetricsOnlyUsage {
  client: string;
  day: string;
  since: string;
  until: string;
  model: string | null;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number | null;
}

/** Turns tagged with one bad-polarity reason, for one client, turn model or tool. */
export interface ReasonCount {
  dimension: LabelDimension;
  value: string | null;
  reason: string;
  title: string;
  turns: number;
}

export interface Overview {
  scope: { since: string | null; until: string | null; client: string | null; utc_offset: number };
  totals: OverviewTotals;
  models: ModelUsage[];
  days: OverviewDay[];
  tools: ToolStats[];
  mcp_servers: McpServerStats[];
  latency: LatencyStats[];
  labels: { totals: LabelCounts; over_represented: OverRepresented[] };
  /** Usage of metrics-only sources (no sessions, so in no other panel); docs/overview.md. */
  metrics_only: MetricsOnlyUsage[];
  /** Bad reasons (lib/shared/reasons.ts polarity "bad") by client, model and tool. */
  reasons: { bad: ReasonCount[] };
  /** Agreement per pair of people over the turns both labeled (docs/team.md "People"). */
  agreement: { pairs: AgreementPair[] };
}

export interface AgreementPair {
  a: string;
  b: string;
  /** Turns both labeled, and those they gave the same verdict. */
  turns: number;
  agreed: number;
  /** 0–100, one decimal. */
  percent_agreement: number | null;
  /** Cohen's kappa, three decimals; null when undefined (chance agreement 1) or no shared turn. */
  kappa: number | null;
}
