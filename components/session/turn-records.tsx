"use client";
// A turn's raw telemetry on request: "raw records" (pretty JSON per signal) and "waterfall" (its spans).
// Both read one fetch of /api/turns/{id}/records, made the first time either is opened.
import { useState } from "react";
import type { TurnRecords as Records } from "@/lib/shared/views";
import { errorText, getTurnRecords } from "../api";
import { CodeBlock } from "./code-block";
import { SpanWaterfall } from "./span-waterfall";

type Load =
  | { state: "idle" }
  | { state: "loading" }
  | { state: "loaded"; records: Records }
  | { state: "failed"; error: string };

const toggle =
  "rounded px-1.5 py-0.5 text-xs text-zinc-600 hover:bg-zinc-100 aria-pressed:bg-zinc-200 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:aria-pressed:bg-zinc-700";

export function TurnRecords({ turnId, hasTraces }: { turnId: string; hasTraces: boolean }) {
  const [load, setLoad] = useState<Load>({ state: "idle" });
  const [open, setOpen] = useState<{ raw: boolean; waterfall: boolean }>({ raw: false, waterfall: false });

  const show = (part: "raw" | "waterfall"): void => {
    setOpen((current) => ({ ...current, [part]: !current[part] }));
    if (load.state !== "idle" && load.state !== "failed") return;
    setLoad({ state: "loading" });
    getTurnRecords(turnId).then(
      (records) => setLoad({ state: "loaded", records }),
      (error: unknown) => setLoad({ state: "failed", error: errorText(error) }),
    );
  };

  return (
    <div className="mt-2" onClick={(event) => event.stopPropagation()}>
      <div className="flex gap-1">
        <button type="button" aria-pressed={open.raw} className={toggle} onClick={() => show("raw")}>
          raw records
        </button>
        {hasTraces && (
          <button
            type="button"
            aria-pressed={open.waterfall}
            className={toggle}
            onClick={() => show("waterfall")}
          >
            waterfall
          </button>
        )}
      </div>
      {(open.raw || open.waterfall) && load.state === "loading" && (
        <p className="mt-1 text-xs text-zinc-500">loading records…</p>
      )}
      {(open.raw || open.waterfall) && load.state === "failed" && (
        <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-400">
          Could not load the records: {load.error}
        </p>
      )}
      {load.state === "loaded" && open.waterfall && (
        <div className="mt-2">
          <SpanWaterfall spans={load.records.traces} />
        </div>
      )}
      {load.state === "loaded" && open.raw && (
        <div data-testid="raw-records" className="mt-2 space-y-2">
          {(["logs", "traces", "metrics"] as const).map((signal) =>
            load.records[signal].length === 0 ? null : (
              <section key={signal}>
                <h4 className="text-xs font-semibold text-zinc-500">
                  {signal} ({load.records[signal].length})
                </h4>
                <CodeBlock text={JSON.stringify(load.records[signal], null, 2)} label={`${signal} records`} />
              </section>
            ),
          )}
        </div>
      )}
    </div>
  );
}
