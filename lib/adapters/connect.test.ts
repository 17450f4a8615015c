import { parse as parseToml } from "smol-toml";
import { describe, expect, test } from "vitest";
import { connectGuides } from "./index";

const ENV_LINE = /^export( [A-Z_][A-Z0-9_]*=("[^"]*"|[^\s"]*))+$/;

describe("connect snippets", () => {
  for (const token of [null, "tok-123"]) {
    const guides = connectGuides({ host: "127.0.0.1", httpPort: 14318, grpcPort: 14317, token });
    test(`every snippet is valid and points at the right ports (token: ${token ?? "none"})`, () => {
      expect(guides.map((guide) => guide.client)).toEqual([
        "codex",
        "claude-code",
        "gemini-cli",
        "copilot-cli",
        "qwen-code",
        "opencode",
        "continue",
      ]);
      for (const guide of guides) {
        expect(guide.snippets.length).toBeGreaterThan(0);
        for (const snippet of guide.snippets) {
          if (snippet.format === "toml") {
            const otel = (parseToml(snippet.text) as { otel: Record<string, unknown> }).otel;
            expect(otel.log_user_prompt).toBe(true);
            // Codex truncates logged tool outputs to 2,048 bytes unless told otherwise.
            expect((otel.tool_result as { max_bytes: number }).max_bytes).toBeGreaterThan(2048);
            for (const key of ["exporter", "trace_exporter", "metrics_exporter"]) {
              const exporter = otel[key] as Record<
                string,
                { endpoint: string; headers?: Record<string, string> }
              >;
              const [kind, settings] = Object.entries(exporter)[0]!;
              expect(settings.endpoint).toMatch(
                kind === "otlp-grpc"
                  ? /^http:\/\/127\.0\.0\.1:14317$/
                  : /^http:\/\/127\.0\.0\.1:14318\/v1\/(logs|traces|metrics)$/,
              );
              if (token) expect(settings.headers?.authorization).toBe(`Bearer ${token}`);
            }
          } else if (snippet.format === "json" && guide.client === "opencode") {
            expect(JSON.parse(snippet.text)).toMatchObject({ experimental: { openTelemetry: true } });
          } else if (snippet.format === "json") {
            const settings = JSON.parse(snippet.text) as {
              telemetry: { otlpEndpoint: string; otlpProtocol: string; logPrompts: boolean };
            };
            expect(settings.telemetry.logPrompts).toBe(true);
            if (guide.client === "qwen-code")
              expect(settings.telemetry).toMatchObject({ includeSensitiveSpanAttributes: true });
            expect(settings.telemetry.otlpEndpoint).toBe(
              `http://127.0.0.1:${settings.telemetry.otlpProtocol === "grpc" ? 14317 : 14318}`,
            );
          } else {
            const lines = snippet.text.trimEnd().split("\n");
            for (const line of lines) expect(line).toMatch(ENV_LINE);
            const endpoint = lines.find((line) => line.includes("OTEL_EXPORTER_OTLP_ENDPOINT="));
            if (endpoint) expect(endpoint).toMatch(snippet.protocol === "gRPC" ? /:14317$/ : /:14318$/);
            if (token && guide.client !== "gemini-cli")
              expect(snippet.text).toContain(`Authorization=Bearer ${token}`);
          }
        }
      }
    });
  }

  test("a listener that is off gets no snippet", () => {
    const guides = connectGuides({ host: "127.0.0.1", httpPort: null, grpcPort: 4317, token: null });
    expect(guides.find((guide) => guide.client === "copilot-cli")!.snippets).toEqual([]);
    expect(guides.find((guide) => guide.client === "codex")!.snippets.map((s) => s.protocol)).toEqual([
      "gRPC",
    ]);
  });
});
