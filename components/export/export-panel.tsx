"use client";
// The Export panel: choose label, format and filters, see how many turns match, download the JSONL — alone
// or zipped with its dataset card and manifest. Downloads are plain links to GET /api/export with the same
// options as `npm run export`.
import { useEffect, useMemo, useState } from "react";
import { CLIENT_IDS } from "@/lib/shared/clients";
import { EXPORT_FORMATS, EXPORT_FORMAT_TITLES, type ExportFormat } from "@/lib/shared/export-formats";
import type { LabelFilter } from "@/lib/shared/labels";
import { AnnotatorSelect } from "../people/annotator-select";
import { ReasonSelect } from "../reasons/reason-select";

interface Options {
  label: LabelFilter;
  format: ExportFormat;
  reason: string;
  /** `messages`: keep the agent's answer where a correction exists. */
  original: boolean;
  client: string;
  model: string;
  since: string;
  until: string;
  hasNote: boolean;
  redact: boolean;
  /** Session ids, separated by commas or spaces. */
  sessions: string;
  /** Whose labels: "" for mine, a person's name, majority, any-bad or all. */
  annotator: string;
}

const INITIAL: Options = {
  label: "labeled",
  format: "turns",
  reason: "",
  original: false,
  client: "",
  model: "",
  since: "",
  until: "",
  hasNote: false,
  redact: true,
  sessions: "",
  annotator: "",
};
const CLIENTS = ["", ...CLIENT_IDS];
const DOWNLOAD =
  "rounded bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white dark:bg-zinc-100 dark:text-zinc-900";
const ZIP = "rounded border border-zinc-900 px-3 py-1.5 text-sm font-medium dark:border-zinc-100";
const FIELD = "rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900";

const sessionIds = (options: Options): string[] => options.sessions.split(/[\s,]+/).filter(Boolean);

export function toExportQuery(options: Options): URLSearchParams {
  const query = new URLSearchParams({ label: options.label, format: options.format });
  if (options.client) query.set("client", options.client);
  if (options.model.trim()) query.set("model", options.model.trim());
  if (options.since) query.set("since", new Date(options.since).toISOString());
  if (options.until) query.set("until", new Date(options.until).toISOString());
  for (const id of sessionIds(options)) query.append("session", id);
  if (options.reason) query.set("reason", options.reason);
  if (options.hasNote) query.set("has_note", "true");
  if (options.original && options.format === "messages") query.set("original", "true");
  if (!options.redact) query.set("redact", "false");
  if (options.annotator) query.set("annotator", options.annotator);
  return query;
}

/** `dataDir` is the server's data dir when it is not the default one (the CLI must be pointed at it). */
export function ExportPanel({ dataDir }: { dataDir: string | null }) {
  const [options, setOptions] = useState<Options>(INITIAL);
  const [count, setCount] = useState<{ turns: number; pairs?: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = useMemo(() => toExportQuery(options).toString(), [options]);
  const set = <K extends keyof Options>(key: K, value: Options[K]): void =>
    setOptions((current) => ({ ...current, [key]: value }));
  // Nothing to download: no matching turn, or (dpo) no pair among them.
  const empty = count !== null && (count.pairs ?? count.turns) === 0;

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/export/count?${query}`, { signal: controller.signal, cache: "no-store" })
        .then(async (response) => {
          const body = (await response.json()) as { turns?: number; pairs?: number; error?: string };
          if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
          setCount({ turns: body.turns ?? 0, pairs: body.pairs });
          setError(null);
        })
        .catch((failure: Error) => {
          if (failure.name !== "AbortError") setError(failure.message);
        });
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  return (
    <form className="mt-4 grid max-w-2xl gap-4" onSubmit={(event) => event.preventDefault()}>
      <div className="grid grid-cols-2 gap-4">
        <label className="grid gap-1 text-sm">
          Turns
          <select
            className={FIELD}
            value={options.label}
            onChange={(e) => set("label", e.target.value as Options["label"])}
            data-testid="export-label"
          >
            <option value="labeled">labeled (good or bad)</option>
            <option value="good">good</option>
            <option value="bad">bad</option>
            <option value="all">all</option>
          </select>
        </label>
        <label className="grid gap-1 text-sm">
          Format
          <select
            className={FIELD}
            value={options.format}
            onChange={(e) => set("format", e.target.value as Options["format"])}
            data-testid="export-format"
          >
            {EXPORT_FORMATS.map((format) => (
              <option key={format} value={format}>
                {EXPORT_FORMAT_TITLES[format]}
              </option>
            ))}
          </select>
        </label>
        <label className="grid gap-1 text-sm">
          Whose labels
          <AnnotatorSelect
            className={FIELD}
            value={options.annotator}
            onChange={(annotator) => set("annotator", annotator)}
          />
        </label>
        <label className="grid gap-1 text-sm">
          Reason
          <ReasonSelect
            className={FIELD}
            label="Reason"
            anyText="any"
            testId="export-reason"
            value={options.reason}
            onChange={(reason) => set("reason", reason)}
          />
        </label>
        <label className="grid gap-1 text-sm">
          Client
          <select className={FIELD} value={options.client} onChange={(e) => set("client", e.target.value)}>
            {CLIENTS.map((client) => (
              <option key={client} value={client}>
                {client || "any"}
              </option>
            ))}
          </select>
        </label>
        <label className="grid gap-1 text-sm">
          Model
          <input
            className={FIELD}
            value={options.model}
            onChange={(e) => set("model", e.target.value)}
            placeholder="any"
          />
        </label>
        <label className="grid gap-1 text-sm">
          From
          <input
            className={FIELD}
            type="datetime-local"
            value={options.since}
            onChange={(e) => set("since", e.target.value)}
          />
        </label>
        <label className="grid gap-1 text-sm">
          Until
          <input
            className={FIELD}
            type="datetime-local"
            value={options.until}
            onChange={(e) => set("until", e.target.value)}
          />
        </label>
        <label className="col-span-2 grid gap-1 text-sm">
          Sessions
          <input
            className={FIELD}
            value={options.sessions}
            onChange={(e) => set("sessions", e.target.value)}
            placeholder="any (or session ids, comma-separated)"
            data-testid="export-sessions"
          />
        </label>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={options.hasNote} onChange={(e) => set("hasNote", e.target.checked)} />{" "}
        only turns with a note
      </label>
      {options.format === "messages" && (
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={options.original}
            onChange={(e) => set("original", e.target.checked)}
          />{" "}
          keep the agent&apos;s answer where a correction exists
        </label>
      )}
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={options.redact} onChange={(e) => set("redact", e.target.checked)} />{" "}
        redact secrets (API keys, tokens, passwords, private keys)
      </label>
      <p className="text-sm" data-testid="export-count" aria-live="polite">
        {error ? (
          <span role="alert" className="text-red-600">
            {error}
          </span>
        ) : (
          countText(count)
        )}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        {empty ? (
          <>
            <button
              type="button"
              disabled
              data-testid="export-download"
              className={`${DOWNLOAD} cursor-not-allowed opacity-40`}
              title="Nothing matches these options"
            >
              Download JSONL
            </button>
            <button
              type="button"
              disabled
              data-testid="export-download-zip"
              className={`${ZIP} cursor-not-allowed opacity-40`}
              title="Nothing matches these options"
            >
              Download dataset (zip with card and manifest)
            </button>
          </>
        ) : (
          <>
            <a
              href={`/api/export?${query}`}
              download
              data-testid="export-download"
              className={`${DOWNLOAD} hover:bg-zinc-700 dark:hover:bg-zinc-300`}
            >
              Download JSONL
            </a>
            <a
              href={`/api/export?${query}&bundle=zip`}
              download
              data-testid="export-download-zip"
              className={`${ZIP} hover:bg-zinc-100 dark:hover:bg-zinc-800`}
              title="The JSONL with its dataset card (<name>.card.md) and manifest (<name>.manifest.json)"
            >
              Download dataset (zip with card and manifest)
            </a>
          </>
        )}
        <code className="break-all text-xs text-zinc-500" data-testid="export-cli">
          npm run export -- {cliArgs(options, dataDir)}
        </code>
      </div>
    </form>
  );
}

function countText(count: { turns: number; pairs?: number } | null): string {
  if (count === null) return "Counting…";
  const turns = `${count.turns} turn${count.turns === 1 ? "" : "s"} match`;
  return count.pairs === undefined
    ? `${turns}.`
    : `${turns}; they give ${count.pairs} pair${count.pairs === 1 ? "" : "s"}.`;
}

/** Shell-quotes a path only when it needs it. */
const shellWord = (word: string): string =>
  /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;

function cliArgs(options: Options, dataDir: string | null): string {
  const args = [`--label ${options.label}`, `--format ${options.format}`];
  if (options.client) args.push(`--client ${options.client}`);
  if (options.model.trim()) args.push(`--model ${options.model.trim()}`);
  if (options.since) args.push(`--since ${new Date(options.since).toISOString()}`);
  if (options.until) args.push(`--until ${new Date(options.until).toISOString()}`);
  for (const id of sessionIds(options)) args.push(`--session ${id}`);
  if (options.reason) args.push(`--reason ${options.reason}`);
  if (options.hasNote) args.push("--has-note");
  if (options.original && options.format === "messages") args.push("--original");
  if (!options.redact) args.push("--no-redact");
  if (dataDir) args.push(`--data-dir ${shellWord(dataDir)}`);
  return args.join(" ");
}
