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

const globalForEvents = globalThis as unknown as {
  __tracemarkEvents?: EventEmitter;
  /** Where this replica's own events also go (lib/events-relay.ts, team mode); none on one machine. */
  __tracemarkRelay?: (event: ChangeEvent) => void;
};

function emitter(): EventEmitter {
  if (!globalForEvents.__tracemarkEvents) {
    globalForEvents.__tracemarkEvents = new EventEmitter();
    globalForEvents.__tracemarkEvents.setMaxListeners(1000); // one per open browser tab
  }
  return globalForEvents.__tracemarkEvents;
}

/** An event of this process: to its own tabs, and through the relay to the other replicas' tabs. */
export function publish(event: ChangeEvent): void {
  emitter().emit("change", event);
  globalForEvents.__tracemarkRelay?.(event);
}

/** An event another replica published: to this process's tabs only (relaying it back would loop). */
export function deliver(event: ChangeEvent): void {
  emitter().emit("change", event);
}

/** Sends every event published here to `relay` too; undefined stops it. */
export function setRelay(relay: ((event: ChangeEvent) => void) | undefined): void {
  globalForEvents.__tracemarkRelay = relay;
}

export function subscribe(listener: (event: ChangeEvent) => void): () => void {
  emitter().on("change", listener);
  return () => emitter().off("change", listener);
}
