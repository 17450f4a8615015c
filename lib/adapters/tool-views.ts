// Reading a tool call's logged arguments and output as a file edit or a shell command (ToolView), for the
// session view's diffs and shell blocks. Each client module says which of its tools are which (its
// `readTool`); the readers here are the shared parsing. Anything unreadable stays a plain tool call (null).
import type { ToolCall, ToolView } from "@/lib/sessions/types";

type Args = Record<string, unknown>;

/** The call's arguments as an object, or null when they are not a JSON object. */
export function argsOf(call: ToolCall): Args | null {
  if (call.arguments === null) return null;
  try {
    const value: unknown = JSON.parse(call.arguments);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Args) : null;
  } catch {
    return null;
  }
}

const text = (args: Args, ...keys: string[]): string | null => {
  for (const key of keys) if (typeof args[key] === "string") return args[key];
  return null;
};

/** A replacement of `old` by `new` in one file (Claude Edit, Gemini replace, Copilot edit). */
export function replaceEdit(
  args: Args,
  pathKeys: string[],
  oldKeys: string[],
  newKeys: string[],
): ToolView | null {
  const before = text(args, ...oldKeys);
  const after = text(args, ...newKeys);
  if (before === null || after === null) return null;
  return { kind: "edit", path: text(args, ...pathKeys), before, after };
}

/** A whole file written (Claude Write, Gemini write_file, Copilot create): every line is added. */
export function writeEdit(args: Args, pathKeys: string[], contentKeys: string[]): ToolView | null {
  const after = text(args, ...contentKeys);
  if (after === null) return null;
  return { kind: "edit", path: text(args, ...pathKeys), before: "", after };
}

/** Several replacements in one file (Claude MultiEdit), shown as one diff of the edited fragments. */
export function multiEdit(args: Args): ToolView | null {
  const edits = Array.isArray(args.edits) ? (args.edits as unknown[]) : null;
  if (!edits) return null;
  const pairs = edits.flatMap((edit) => {
    const e = edit as Args;
    return typeof e?.old_string === "string" && typeof e.new_string === "string"
      ? [[e.old_string, e.new_string] as const]
      : [];
  });
  if (pairs.length === 0) return null;
  return {
    kind: "edit",
    path: text(args, "file_path"),
    before: pairs.map(([b]) => b).join("\n"),
    after: pairs.map(([, a]) => a).join("\n"),
  };
}

/** A patch the client sent as text (Codex apply_patch): its `*** Update File:` names the path. */
export function patchEdit(call: ToolCall): ToolView | null {
  if (call.arguments === null) return null;
  const args = argsOf(call);
  const patch = args ? text(args, "input", "patch") : call.arguments;
  if (patch === null || !/^\*\*\* Begin Patch/m.test(patch)) return null;
  const path = /^\*\*\* (?:Update|Add|Delete) File: (.+)$/m.exec(patch)?.[1] ?? null;
  return { kind: "patch", path, patch };
}

/** A shell command; `output` and `exit_code` as the client reported them (or parsed by the caller). */
export function shellCall(
  call: ToolCall,
  commandKeys: string[],
  read?: (output: string) => { exit_code: number | null; output: string },
): ToolView | null {
  const args = argsOf(call);
  if (!args) return null;
  let command = text(args, ...commandKeys);
  if (command === null) {
    const list = commandKeys.map((key) => args[key]).find(Array.isArray);
    if (list && list.every((part) => typeof part === "string")) command = list.join(" ");
  }
  if (command === null) return null;
  const parsed = call.output !== null && read ? read(call.output) : null;
  return {
    kind: "shell",
    command,
    exit_code: call.exit_code ?? parsed?.exit_code ?? null,
    output: parsed ? parsed.output : call.output,
  };
}
