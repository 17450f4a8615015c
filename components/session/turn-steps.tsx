// What the agent did for a prompt, in time order: model API calls, the messages it wrote between them and
// the tool calls (edits as diffs, shell commands with exit code and output). The final answer is shown
// after the steps by the turn card.
import type { ApiCall, AssistantMessage, ToolCallView, TurnView } from "@/lib/shared/views";
import { formatCost, formatCount, formatDuration, prettyJson } from "../format";
import { CodeBlock } from "./code-block";
import { Collapsible, isLong } from "./collapsible";
import { RichText } from "./markdown";
import { ToolViewBody } from "./tool-view";

type Step =
  | { kind: "api"; at: number | null; call: ApiCall }
  | { kind: "tool"; at: number | null; call: ToolCallView }
  | { kind: "message"; at: number | null; message: AssistantMessage };

/** The messages written before the final answer (the answer itself is the turn's `response`). */
export function intermediateMessages(turn: Pick<TurnView, "messages" | "response">): AssistantMessage[] {
  const messages = turn.messages ?? [];
  const last = messages.at(-1);
  return last !== undefined && last.text === turn.response ? messages.slice(0, -1) : messages;
}

/** Steps without a time keep their logged order, after the timed ones. */
export function orderSteps(
  turn: Pick<TurnView, "api_calls" | "tool_calls" | "messages" | "response">,
): Step[] {
  const steps: Step[] = [
    ...turn.api_calls.map((call): Step => ({ kind: "api", at: call.started_at, call })),
    ...intermediateMessages(turn).map((message): Step => ({ kind: "message", at: message.at, message })),
    ...turn.tool_calls.map((call): Step => ({ kind: "tool", at: call.started_at, call })),
  ];
  return steps
    .map((step, order) => ({ step, order }))
    .sort((a, b) => (a.step.at ?? Infinity) - (b.step.at ?? Infinity) || a.order - b.order)
    .map(({ step }) => step);
}

export function TurnSteps({ turn, raw }: { turn: TurnView; raw: boolean }) {
  const steps = orderSteps(turn);
  if (steps.length === 0) return null;
  return (
    <ol className="mt-2 space-y-1 border-l-2 border-zinc-200 pl-3 dark:border-zinc-800" aria-label="Steps">
      {steps.map((step, i) => (
        <li key={i}>
          {step.kind === "api" ? (
            <ApiCallItem call={step.call} />
          ) : step.kind === "tool" ? (
            <ToolCallItem call={step.call} />
          ) : step.message.reasoning ? (
            <div
              data-testid="reasoning-summary"
              className="rounded px-2 py-1 text-sm text-zinc-600 italic dark:text-zinc-400"
            >
              <span className="mr-1 text-xs font-semibold not-italic">Reasoning (summary):</span>
              <RichText text={step.message.text} raw={raw} />
            </div>
          ) : (
            <div data-testid="assistant-message" className="rounded bg-zinc-50 px-2 py-1 dark:bg-zinc-900">
              <RichText text={step.message.text} raw={raw} />
            </div>
          )}
        </li>
      ))}
      {turn.sources?.transcript && (
        <li data-testid="from-transcript" className="text-xs text-zinc-500">
          Filled in from the agent&apos;s local transcript: {describeSources(turn.sources.fields)}.
        </li>
      )}
      {!turn.intermediate_messages && turn.tool_calls.length > 0 && (
        <li data-testid="final-answer-only" className="text-xs text-zinc-500 italic">
          This client logs only the final answer: what the agent wrote between tool calls is not known.
        </li>
      )}
    </ol>
  );
}

function ApiCallItem({ call }: { call: ApiCall }) {
  const cost = formatCost(call.cost_usd);
  const failed = !call.success || call.error !== null;
  return (
    <div
      data-testid="api-call"
      className={`text-xs ${failed ? "text-red-700 dark:text-red-400" : "text-zinc-600 dark:text-zinc-400"}`}
    >
      <span className="font-medium">⇄ {call.model ?? "model call"}</span>
      <span className="ml-2 tabular-nums">
        {formatCount(call.input_tokens)} in · {formatCount(call.output_tokens)} out
        {call.cached_input_tokens > 0 && ` · ${formatCount(call.cached_input_tokens)} cached`}
        {call.reasoning_tokens > 0 && ` · ${formatCount(call.reasoning_tokens)} reasoning`}
        {call.duration_ms !== null && ` · ${formatDuration(call.duration_ms)}`}
        {cost && ` · ${cost}`}
        {call.status_code !== null && ` · HTTP ${call.status_code}`}
      </span>
      {failed && (
        <span className="ml-2 font-semibold [overflow-wrap:anywhere]">✗ {call.error ?? "failed"}</span>
      )}
    </div>
  );
}

function ToolCallItem({ call }: { call: ToolCallView }) {
  const failed = call.success === false;
  const args = call.arguments === null ? null : prettyJson(call.arguments);
  const view = call.view ?? null;
  return (
    <div data-testid="tool-call" data-tool-name={call.name} className="text-sm">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
        <span className="font-mono font-semibold [overflow-wrap:anywhere]">⚙ {call.name}</span>
        {call.success !== null && (
          <span
            className={`text-xs font-semibold ${failed ? "text-red-700 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}`}
          >
            {failed ? "✗ failed" : "✓ ok"}
          </span>
        )}
        {call.exit_code !== null && view?.kind !== "shell" && (
          <span
            className={`font-mono text-xs ${call.exit_code === 0 ? "text-zinc-500" : "text-red-700 dark:text-red-400"}`}
          >
            exit {call.exit_code}
          </span>
        )}
        {call.decision && (
          <span
            className={`text-xs ${call.decision === "reject" ? "font-semibold text-amber-700 dark:text-amber-400" : "text-zinc-500"}`}
          >
            {call.decision === "reject" ? "rejected" : "accepted"}
          </span>
        )}
        {call.duration_ms !== null && (
          <span className="text-xs text-zinc-500 tabular-nums">{formatDuration(call.duration_ms)}</span>
        )}
      </div>
      {view && <ToolViewBody view={view} name={call.name} />}
      {args !== null && (
        <Collapsible
          title="arguments"
          meta={`${args.length.toLocaleString()} chars`}
          defaultOpen={view === null && !isLong(args)}
        >
          <CodeBlock text={args} testId="tool-arguments" label={`${call.name} arguments`} />
        </Collapsible>
      )}
      {call.output !== null && view?.kind !== "shell" && (
        <Collapsible
          title="output"
          meta={`${call.output.length.toLocaleString()} chars`}
          defaultOpen={!isLong(call.output)}
          tone={failed ? "error" : undefined}
        >
          <CodeBlock text={call.output} testId="tool-output" label={`${call.name} output`} />
        </Collapsible>
      )}
    </div>
  );
}

const SOURCE_NAMES: Record<string, string> = {
  all: "the whole turn",
  prompt: "the prompt",
  response: "the answer",
  model: "the model",
  tokens: "tokens",
  messages: "the messages written between tool calls",
  tool_outputs: "tool outputs",
  tool_status: "tool status and exit codes",
  tool_calls: "tool calls the telemetry did not report",
};

function describeSources(fields: Record<string, string>): string {
  const names = Object.keys(fields).map((field) => SOURCE_NAMES[field] ?? field);
  return names.length > 0 ? names.join(", ") : "nothing the telemetry lacked";
}
