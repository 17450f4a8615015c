"use client";
// The `?` overlay's list of reason keys: which reason each of 1–9 toggles, from the current vocabulary.
import Link from "next/link";
import { REASON_KEY_COUNT } from "@/lib/shared/reasons";
import { useReasons } from "./use-reasons";

export function ReasonKeys() {
  const { reasons } = useReasons();
  return (
    <section className="mb-3" data-testid="reason-keys">
      <h3 className="mb-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase">
        Reasons{" "}
        <Link
          href="/reasons"
          className="ml-1 font-normal tracking-normal text-blue-700 normal-case hover:underline dark:text-blue-400"
        >
          edit
        </Link>
      </h3>
      <dl className="grid grid-cols-[9rem_1fr] gap-x-3 gap-y-1 text-sm">
        {reasons.slice(0, REASON_KEY_COUNT).map((reason, i) => (
          <div key={reason.id} className="contents">
            <dt>
              <kbd className="rounded border border-zinc-300 bg-zinc-50 px-1.5 font-mono text-xs dark:border-zinc-600 dark:bg-zinc-800">
                {i + 1}
              </kbd>
            </dt>
            <dd>
              {reason.title} <span className="text-xs text-zinc-500">({reason.polarity})</span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
