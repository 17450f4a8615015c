// A panel of the Overview: title, what its numbers are (unit and source), an optional link to the sessions
// behind the whole panel, and the chart or an empty note.
import Link from "next/link";
import type { ReactNode } from "react";
import { CHART_COLOR_CLASSES } from "./chart-theme";

interface Props {
  testId: string;
  title: string;
  caption: string;
  sessionsHref?: string;
  actions?: ReactNode;
  empty?: string | false;
  wide?: boolean;
  children: ReactNode;
}

export function ChartCard({ testId, title, caption, sessionsHref, actions, empty, wide, children }: Props) {
  return (
    <section
      data-testid={testId}
      aria-label={title}
      className={`${CHART_COLOR_CLASSES} min-w-0 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800 ${wide ? "lg:col-span-2" : ""}`}
    >
      <header className="mb-2 flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 className="text-sm font-semibold">{title}</h2>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">{caption}</p>
        <div className="ml-auto flex items-center gap-3 text-xs">
          {actions}
          {sessionsHref && (
            <Link
              prefetch={false}
              href={sessionsHref}
              className="text-blue-700 hover:underline dark:text-blue-400"
            >
              sessions →
            </Link>
          )}
        </div>
      </header>
      {empty ? (
        <p className="py-8 text-center text-sm text-zinc-600 dark:text-zinc-400">{empty}</p>
      ) : (
        children
      )}
    </section>
  );
}
