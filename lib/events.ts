// In-process change notifications (sessions rebuilt, labels changed) for the live UI stream. Lives on
// globalThis because the server and Next's route bundles load separate copies of this module.
import { EventEmitter } from "node:events";
import type { LabelTargetType, LabelView } from "@/lib/shared/labels";

export type ChangeEvent =
  | { type: "sessions"; ids: string[] }
  | {
      type: "label";
      targetType: LabelTargetType;
      targetId: string;
      sessionId: string;
      version: number;
      view: LabelView;
      /** Whose label changed: a tab shows it as its own only for that person (app/api/events). */
      author: string;
    };

const globalForEvents = globalThis as unknown as { __tracemarkEvents?: EventEmitter };

function emitter(): EventEmitter {
  if (!globalForEvents.__tracemarkEvents) {
    globalForEvents.__tracemarkEvents = new EventEmitter();
    globalForEvents.__tracemarkEvents.setMaxListeners(1000); // one per open browser tab
  }
  return globalForEvents.__tracemarkEvents;
}

export function publish(event: ChangeEvent): void {
  emitter().emit("change", event);
}

export function subscribe(listener: (event: ChangeEvent) => void): () => void {
  emitter().on("change", listener);
  return () => emitter().off("change", listener);
}
