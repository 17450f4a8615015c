// Tool calls read as edits and shell commands (tool-views.ts and each client's readTool), and Claude Code's
// in-between messages, on the real Claude Code `edit-file` run (Read + Edit) and on documented shapes.
import { describe, expect, it } from "vitest";
import type { ToolCall } from "@/lib/sessions/types";
import { toolCall } from "./adapter";
import { buildSession, groupRecordsBySession, toolViewOf } from "./index";
import { binaryDecoder } from "@/e2e/support/binary-decoder";
import { loadFixtureRecords, sessionOf } from "@/e2e/support/fixture-records";

/** The transcripts folder sits next to the otlp one (fixtures README). */
const EDIT_FILE = "../transcripts/claude-code/edit-file/http-protobuf";

const call = (name: string, args: unknown, output: string | null = null): ToolCall =>
  toolCall({ name, arguments: typeof args === "string" ? args : JSON.stringify(args), output });

describe("Claude Code edit-file capture", () => {
  const [[id, records]] = [...groupRecordsBySession(loadFixtureRecords(EDIT_FILE, binaryDecoder))] as [
    [string, never],
  ];
  const turn = sessionOf(buildSession(id, records)).turns[0]!;

  it("keeps every assistant message in order, the last being the answer", () => {
    expect(turn.messages.map((message) => message.text)).toEqual([
      "I'll read main.py first.",
      'main.py prints "hi". Now I\'ll change the greeting.',
      'Changed main.py: it now prints "hello, world" instead of "hi".',
    ]);
    expect(turn.intermediate_messages).toBe(true);
    expect(turn.response).toBe(turn.messages.at(-1)!.text);
    // Each message sorts before the tool call its API call asked for.
    const [read, edit] = turn.tool_calls;
    expect(turn.messages[0]!.at!).toBeLessThan(read!.started_at!);
    expect(turn.messages[1]!.at!).toBeLessThan(edit!.started_at!);
    expect(turn.messages[1]!.at!).toBeGreaterThan(read!.started_at!);
  });

  it("reads the Edit as the file before and after", () => {
    const edit = turn.tool_calls.find((c) => c.name === "Edit")!;
    expect(toolViewOf("claude-code", edit)).toEqual({
      kind: "edit",
      path: expect.stringMatching(/main\.py$/) as string,
      before: 'print("hi")',
      after: 'print("hello, world")',
    });
    expect(
      toolViewOf(
        "claude-code",
        turn.tool_calls.find((c) => c.name === "Read")!,
      ),
    ).toBeNull();
  });
});

describe("tool views per client", () => {
  it("reads a Write as a new file and a MultiEdit as its fragments", () => {
    expect(toolViewOf("claude-code", call("Write", { file_path: "a.ts", content: "x\ny\n" }))).toEqual({
      kind: "edit",
      path: "a.ts",
      before: "",
      after: "x\ny\n",
    });
    expect(
      toolViewOf(
        "claude-code",
        call("MultiEdit", {
          file_path: "a.ts",
          edits: [
            { old_string: "a", new_string: "b" },
            { old_string: "c", new_string: "d" },
          ],
        }),
      ),
    ).toEqual({
      kind: "edit",
      path: "a.ts",
      before: "a\nc",
      after: "b\nd",
    });
  });

  it("reads Codex exec output and apply_patch", () => {
    const output =
      "Chunk ID: b4187f\nWall time: 0.0000 seconds\nProcess exited with code 2\nOriginal token count: 13\nOutput:\nls: nope\n";
    expect(toolViewOf("codex", call("exec_command", { cmd: "ls nope" }, output))).toEqual({
      kind: "shell",
      command: "ls nope",
      exit_code: 2,
      output: "ls: nope\n",
    });
    const patch = "*** Begin Patch\n*** Update File: src/a.py\n@@\n-x = 1\n+x = 2\n*** End Patch";
    expect(toolViewOf("codex", call("apply_patch", patch))).toEqual({
      kind: "patch",
      path: "src/a.py",
      patch,
    });
    expect(toolViewOf("codex", call("apply_patch", { input: patch }))).toEqual({
      kind: "patch",
      path: "src/a.py",
      patch,
    });
  });

  it("reads Gemini and Copilot shell and file tools", () => {
    expect(
      toolViewOf("gemini-cli", call("replace", { file_path: "f", old_string: "a", new_string: "b" })),
    ).toMatchObject({ kind: "edit", before: "a", after: "b" });
    expect(toolViewOf("gemini-cli", call("write_file", { file_path: "f", content: "c" }))).toMatchObject({
      kind: "edit",
      before: "",
      after: "c",
    });
    expect(
      toolViewOf(
        "copilot-cli",
        call("bash", { command: "ls -1" }, "README.md\n<shellId: 0 completed with exit code 0>"),
      ),
    ).toEqual({
      kind: "shell",
      command: "ls -1",
      exit_code: 0,
      output: "README.md",
    });
  });

  it("leaves unreadable arguments a plain tool call", () => {
    for (const args of ["not json", "[1,2]", "null", JSON.stringify({ file_path: 3, old_string: null })]) {
      expect(toolViewOf("claude-code", call("Edit", args))).toBeNull();
      expect(toolViewOf("codex", call("apply_patch", args))).toBeNull();
    }
    expect(toolViewOf("no-such-client", call("Edit", { old_string: "a", new_string: "b" }))).toBeNull();
  });
});
