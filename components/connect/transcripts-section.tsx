// Connect: the transcript switch (TRACEMARK_TRANSCRIPT_HOMES), what it reads under each root, and how many
// sessions each client's transcripts gave. A server component: the settings are read where they live.
import type { ClientActivity } from "@/lib/connect/activity";

export interface TranscriptSwitch {
  homes: readonly string[];
  reads: readonly { client: string; name: string; glob: string }[];
}

export function TranscriptsSection({
  state,
  activity,
}: {
  state: TranscriptSwitch;
  activity: readonly ClientActivity[];
}) {
  const on = state.homes.length > 0;
  return (
    <section aria-labelledby="connect-transcripts" className="mt-10" data-testid="connect-transcripts">
      <h2 id="connect-transcripts" className="text-lg font-semibold">
        Local transcripts <span className="text-sm font-normal text-zinc-500">({on ? "on" : "off"})</span>
      </h2>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        The agents also write their own transcripts. They fill what telemetry leaves out: every tool output
        (Claude Code sends none), what Codex said between tool calls, exit codes, file diffs. They also hold
        full system prompts and file contents, so tracemark reads them only when you ask:{" "}
        {on ? (
          <>
            reading <code data-testid="transcript-homes">{state.homes.join(", ")}</code> as they are written.
          </>
        ) : (
          <>
            set <code>TRACEMARK_TRANSCRIPT_HOMES=~</code> (comma-separated HOME-like roots) and restart, or
            import once with <code>npm run import -- --home ~</code>.
          </>
        )}
      </p>
      <table className="mt-3 text-sm">
        <thead>
          <tr className="text-left text-zinc-500">
            <th className="pr-6 font-normal">client</th>
            <th className="pr-6 font-normal">reads, under each root</th>
            <th className="font-normal">sessions from transcripts</th>
          </tr>
        </thead>
        <tbody>
          {state.reads.map((read) => (
            <tr key={read.client} data-testid={`transcripts-${read.client}`}>
              <td className="pr-6">{read.name}</td>
              <td className="pr-6">
                <code>{read.glob}</code>
              </td>
              <td>{activity.find((entry) => entry.client === read.client)?.transcript_sessions ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
