// The domain shape of a session and its turns lives in lib/shared/views.ts (the browser imports it too);
// this module adds what only the server needs: the result of building one session.
import type { SessionData } from "@/lib/shared/views";

export type {
  ApiCall,
  AssistantMessage,
  Decision,
  FieldSource,
  FileChange,
  SessionData,
  ToolCall,
  ToolCallView,
  ToolView,
  TurnData,
  TurnSources,
} from "@/lib/shared/views";
export type { ClientId } from "@/lib/shared/clients";

export type BuildResult =
  { kind: "session"; session: SessionData } | { kind: "excluded"; id: string; reason: string };
export { SIGNAL_KINDS } from "@/lib/shared/signals";
export type { SignalKind, SuggestedLabel, TurnSignal } from "@/lib/shared/signals";
