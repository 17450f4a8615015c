// The shape of a client's connect guide (the exact configuration that sends its telemetry to this server,
// built from the server's real host, ports and token) and the pieces several clients' snippets share.
// Each client's own snippet lives in its adapter module.
export type SnippetFormat = "toml" | "json" | "env";

export interface Snippet {
  protocol: string;
  /** Where the snippet goes (a file, or the shell before starting the CLI). */
  target: string;
  format: SnippetFormat;
  text: string;
}

/** What an adapter's `connect` returns; the registry adds the client's id and name (ClientGuide). */
export interface ConnectGuide {
  snippets: Snippet[];
  /** One line per option worth knowing: what it adds. */
  options: { name: string; effect: string }[];
}

export interface ClientGuide extends ConnectGuide {
  client: string;
  name: string;
}

export interface Endpoints {
  /** Host clients should dial (the bind host, or 127.0.0.1 when bound to all interfaces). */
  host: string;
  httpPort: number | null;
  grpcPort: number | null;
  token: string | null;
}

export const hostFor = (host: string): string =>
  host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;

/** Shell lines that point an OpenTelemetry SDK's OTLP exporter here. */
export function otelEnv(lines: string[], protocol: string, endpoint: string, token: string | null): string {
  const all = [
    ...lines,
    `export OTEL_EXPORTER_OTLP_PROTOCOL=${protocol}`,
    `export OTEL_EXPORTER_OTLP_ENDPOINT=${endpoint}`,
  ];
  if (token) all.push(`export OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer ${token}"`);
  return all.join("\n") + "\n";
}
