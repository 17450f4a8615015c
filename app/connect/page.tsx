// Connect: for each coding CLI, the exact configuration for this server (its real host, ports and token),
// per protocol, with a copy button and a live indicator that data is arriving.
import type { Metadata } from "next";
import { ClientStatus } from "@/components/connect/client-status";
import { CopyButton } from "@/components/connect/copy-button";
import { TranscriptsSection } from "@/components/connect/transcripts-section";
import { TRANSCRIPT_SOURCES } from "@/lib/adapters/transcript-sources";
import { store } from "@/lib/api/route";
import { getConfig } from "@/lib/config";
import { listClientActivity } from "@/lib/connect/activity";
import { connectGuides, type Endpoints } from "@/lib/adapters";
import { getRuntime } from "@/lib/runtime";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Connect · tracemark" };

function portOf(address: string | null | undefined): number | null {
  const match = /:(\d+)$/.exec(address ?? "");
  return match ? Number(match[1]) : null;
}

export default async function ConnectPage() {
  const config = getConfig();
  const endpoints = getRuntime()?.status().endpoints;
  const target: Endpoints = {
    host: config.host,
    httpPort: endpoints ? portOf(endpoints.otlpHttp) : config.otlpHttpPort || null,
    grpcPort: endpoints ? portOf(endpoints.otlpGrpc) : config.otlpGrpcPort || null,
    token: config.token,
  };
  const activity = await listClientActivity(store());
  const guides = connectGuides(target);
  const transcripts = {
    homes: config.transcriptHomes,
    reads: TRANSCRIPT_SOURCES.map((source) => ({
      client: source.client,
      name: guides.find((guide) => guide.client === source.client)?.name ?? source.client,
      glob: source.glob,
    })),
  };
  return (
    <main className="mx-auto max-w-5xl px-6 py-6">
      <h1 className="text-2xl font-semibold">Connect an agent</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">
        Paste one block for your CLI, start it, and send a prompt: its session appears here within seconds.
        OTLP/HTTP {target.httpPort ? `listens on ${target.host}:${target.httpPort}` : "is off"}; OTLP/gRPC{" "}
        {target.grpcPort ? `on ${target.host}:${target.grpcPort}` : "is off"}.
      </p>
      {guides.map((guide) => (
        <section
          key={guide.client}
          aria-labelledby={`connect-${guide.client}`}
          className="mt-8"
          data-testid={`connect-${guide.client}`}
        >
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id={`connect-${guide.client}`} className="text-lg font-semibold">
              {guide.name}
            </h2>
            <ClientStatus
              client={guide.client}
              initial={activity.find((entry) => entry.client === guide.client)}
            />
          </div>
          <ul className="mt-2 list-disc pl-5 text-sm text-zinc-600 dark:text-zinc-400">
            {guide.options.map((option) => (
              <li key={option.name}>
                <code className="text-zinc-900 dark:text-zinc-100">{option.name}</code>: {option.effect}
              </li>
            ))}
          </ul>
          {guide.snippets.map((snippet) => (
            <div key={snippet.protocol} className="mt-3 rounded border border-zinc-200 dark:border-zinc-800">
              <div className="flex items-center justify-between gap-2 border-b border-zinc-200 px-3 py-1.5 text-sm dark:border-zinc-800">
                <span>
                  <strong>{snippet.protocol}</strong>{" "}
                  <span className="text-zinc-500">· {snippet.target}</span>
                </span>
                <CopyButton text={snippet.text} label={`${guide.name} ${snippet.protocol} configuration`} />
              </div>
              <pre
                data-testid="snippet"
                data-format={snippet.format}
                className="overflow-x-auto p-3 text-xs leading-relaxed"
              >
                <code>{snippet.text}</code>
              </pre>
            </div>
          ))}
        </section>
      ))}
      <TranscriptsSection state={transcripts} activity={activity} />
    </main>
  );
}
