// A turn as chat messages (OpenAI / TRL conversational shape): the user's prompt, and the agent's side as
// each tool call with its result followed by the final answer. Shared by `messages`, `preference` and `dpo`.
import type { TurnLine } from "./formats";

export type ChatMessage =
  | { role: "user"; content: string }
  | { role: "assistant"; content: string | null; tool_calls?: ChatToolCall[] }
  | { role: "tool"; tool_call_id: string; name: string; content: string };

interface ChatToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

/**
 * The agent's side of a turn: each tool call with its result, then the answer — the person's correction
 * in place of the agent's answer when `corrected` and the turn has one.
 */
export function assistantMessages(line: TurnLine, corrected: boolean): ChatMessage[] {
  const messages: ChatMessage[] = [];
  line.tool_calls.forEach((call, i) => {
    const id = call.call_id ?? `call_${i}`;
    messages.push({
      role: "assistant",
      content: null,
      tool_calls: [
        { id, type: "function", function: { name: call.name, arguments: call.arguments ?? "{}" } },
      ],
    });
    messages.push({ role: "tool", tool_call_id: id, name: call.name, content: call.output ?? "" });
  });
  const answer = corrected && line.correction !== null ? line.correction : line.response;
  if (answer !== null) messages.push({ role: "assistant", content: answer });
  return messages;
}

export function promptMessages(line: TurnLine & { prompt: string }): ChatMessage[] {
  return [{ role: "user", content: line.prompt }];
}
