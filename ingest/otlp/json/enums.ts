// Enum value names from the OTLP .proto files, indexed by number: OTLP/JSON must use the integers, but some
// exporters write the names, which we accept.

const SEVERITY_LEVELS = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"];

/** logs.proto SeverityNumber: UNSPECIFIED = 0, TRACE = 1, TRACE2..4, DEBUG = 5, … FATAL4 = 24. */
export const SEVERITY_NUMBER_NAMES: readonly string[] = [
  "SEVERITY_NUMBER_UNSPECIFIED",
  ...SEVERITY_LEVELS.flatMap((level) =>
    ["", "2", "3", "4"].map((suffix) => `SEVERITY_NUMBER_${level}${suffix}`),
  ),
];

/** trace.proto Span.SpanKind. */
export const SPAN_KIND_NAMES: readonly string[] = [
  "SPAN_KIND_UNSPECIFIED",
  "SPAN_KIND_INTERNAL",
  "SPAN_KIND_SERVER",
  "SPAN_KIND_CLIENT",
  "SPAN_KIND_PRODUCER",
  "SPAN_KIND_CONSUMER",
];

/** trace.proto Status.StatusCode. */
export const STATUS_CODE_NAMES: readonly string[] = [
  "STATUS_CODE_UNSET",
  "STATUS_CODE_OK",
  "STATUS_CODE_ERROR",
];

/** metrics.proto AggregationTemporality. */
export const AGGREGATION_TEMPORALITY_NAMES: readonly string[] = [
  "AGGREGATION_TEMPORALITY_UNSPECIFIED",
  "AGGREGATION_TEMPORALITY_DELTA",
  "AGGREGATION_TEMPORALITY_CUMULATIVE",
];
