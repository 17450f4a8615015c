// GitHub Copilot CLI (traces and metrics only): one turn per top-level invoke_agent span, built from the
// OpenTelemetry GenAI spans of its trace (fixtures README "Copilot CLI").
import type { ToolCall, ToolView } from "@/lib/sessions/types";
import type { ClientAdapter } from "./adapter";
import { str } from "./common";
import { hostFor, otelEnv, type ConnectGuide, type Endpoints, type Snippet } from "./connect";
import { describeGenAiTurn, sliceByAgentSpans } from "./genai";
import { copilotCliTranscript } from "./copilot-cli-transcript";
import { argsOf, replaceEdit, shellCall, writeEdit } from "./tool-views";

/** README decision 5: Copilot prepends `<current_datetime>…</current_datetime>\n\n` to what the user typed;
 * it is injected context, not prompt text. */
const DATETIME_PREFIX = /^<current_datetime>[^<]*<\/current_datetime>(\n\n)?/;

export const stripCopilotContext = (prompt: string): string => prompt.replace(DATETIME_PREFIX, "");

/** Copilot's bash output ends with "<shellId: N completed with exit code C>". */
function readBashOutput(output: string): { exit_code: number | null; output: string } {
  const match = /\n?<shellId: [^>]* exit code (-?\d+)>\s*$/.exec(output);
  return match
    ? { exit_code: Number(match[1]), output: output.slice(0, match.index) }
    : { exit_code: null, output };
}

/** Copilot CLI's bash and its file tools (edit: path/old_str/new_str, create: path/file_text). */
function readTool(call: ToolCall): ToolView | null {
  const args = argsOf(call);
  if (!args) return null;
  if (call.name === "bash") return shellCall(call, ["command"], readBashOutput);
  if (call.name === "edit" || call.name === "str_replace")
    return replaceEdit(args, ["path"], ["old_str"], ["new_str"]);
  if (call.name === "create") return writeEdit(args, ["path"], ["file_text"]);
  return null;
}

function connect(e: Endpoints): ConnectGuide {
  const base = [
    "export COPILOT_OTEL_ENABLED=true",
    "export OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true",
  ];
  const http = `http://${hostFor(e.host)}:${e.httpPort}`;
  const snippets: Snippet[] = e.httpPort
    ? [
        {
          protocol: "HTTP protobuf",
          target: "shell, before `copilot`",
          format: "env",
          text: otelEnv(base, "http/protobuf", http, e.token),
        },
        {
          protocol: "HTTP JSON",
          target: "shell, before `copilot`",
          format: "env",
          text: otelEnv(base, "http/json", http, e.token),
        },
      ]
    : [];
  return {
    snippets,
    options: [
      {
        name: "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true",
        effect: "records prompts, answers and tool results (otherwise only names and tokens)",
      },
      {
        name: "traces only",
        effect: "Copilot sends traces and metrics, no logs; each prompt is one invoke_agent trace",
      },
    ],
  };
}

export const copilotCli: ClientAdapter = {
  transcript: copilotCliTranscript,
  id: "copilot-cli",
  name: "GitHub Copilot CLI",
  tone: "bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200",
  matchesService: (name) => name === "github-copilot",
  // OpenTelemetry GenAI semantic conventions.
  sessionKeys: ["gen_ai.conversation.id"],
  connect,
  clientVersion: (resource) => str(resource, "service.version"),
  // README: the user turn is the invoke_agent span, not `github.copilot.turn_id` (which numbers model calls).
  sliceTurns: (records) => ({ turns: sliceByAgentSpans(records) }),
  describeTurn: (slice) => describeGenAiTurn(slice, stripCopilotContext),
  readTool,
};
