// Each format's columns as Hugging Face `datasets` features (the dataset card's `dataset_info.features`),
// so the Hub viewer and `load_dataset` see the intended types rather than guessing them from the rows.
import type { ExportFormat } from "@/lib/shared/export-formats";

type Dtype = "string" | "int64" | "float64" | "bool";
export type Feature =
  | { name: string; dtype: Dtype }
  | { name: string; sequence: Dtype }
  | { name: string; list: Feature[] }
  | { name: string; struct: Feature[] };

const s = (name: string): Feature => ({ name, dtype: "string" });
const int = (name: string): Feature => ({ name, dtype: "int64" });

const TOOL_CALL: Feature[] = [s("id"), s("type"), { name: "function", struct: [s("name"), s("arguments")] }];
const MESSAGE: Feature[] = [
  s("role"),
  s("content"),
  s("tool_call_id"),
  s("name"),
  { name: "tool_calls", list: TOOL_CALL },
];
const messages = (name: string): Feature => ({ name, list: MESSAGE });
const reasons: Feature = { name: "reasons", sequence: "string" };

const PAIR_SIDE: Feature[] = [
  s("session_id"),
  s("turn_id"),
  s("client"),
  s("model"),
  s("label"),
  reasons,
  s("note"),
  { name: "corrected", dtype: "bool" },
];

const ANY_VALUE: Feature[] = [
  s("stringValue"),
  { name: "doubleValue", dtype: "float64" },
  { name: "arrayValue", struct: [{ name: "values", list: [s("stringValue")] }] },
];
const KEY_VALUES = (name: string): Feature => ({
  name,
  list: [s("key"), { name: "value", struct: ANY_VALUE }],
});

export const FEATURES: Record<ExportFormat, Feature[]> = {
  turns: [
    s("schema"),
    s("session_id"),
    s("turn_id"),
    int("turn_index"),
    s("client"),
    s("client_version"),
    s("model"),
    s("started_at"),
    s("ended_at"),
    s("prompt"),
    { name: "prompt_redacted", dtype: "bool" },
    s("response"),
    {
      name: "tool_calls",
      list: [
        s("name"),
        s("call_id"),
        s("arguments"),
        s("output"),
        { name: "success", dtype: "bool" },
        int("exit_code"),
        { name: "duration_ms", dtype: "float64" },
        s("decision"),
      ],
    },
    int("api_errors"),
    {
      name: "usage",
      struct: [
        int("input_tokens"),
        int("output_tokens"),
        int("cached_input_tokens"),
        int("reasoning_tokens"),
        { name: "cost_usd", dtype: "float64" },
      ],
    },
    s("label"),
    s("note"),
    reasons,
    s("correction"),
    s("labeled_by"),
    s("labeled_at"),
    s("session_label"),
    s("session_note"),
  ],
  messages: [
    s("schema"),
    s("session_id"),
    s("turn_id"),
    s("model"),
    s("label"),
    reasons,
    s("note"),
    { name: "corrected", dtype: "bool" },
    messages("messages"),
  ],
  preference: [messages("prompt"), messages("completion"), { name: "label", dtype: "bool" }, reasons],
  dpo: [
    messages("prompt"),
    messages("chosen"),
    messages("rejected"),
    {
      name: "metadata",
      struct: [
        s("schema"),
        s("source"),
        { name: "chosen", struct: PAIR_SIDE },
        { name: "rejected", struct: PAIR_SIDE },
      ],
    },
  ],
  eval: [
    {
      name: "resourceLogs",
      list: [
        { name: "resource", struct: [KEY_VALUES("attributes")] },
        {
          name: "scopeLogs",
          list: [
            { name: "scope", struct: [s("name"), s("version")] },
            {
              name: "logRecords",
              list: [
                s("timeUnixNano"),
                s("observedTimeUnixNano"),
                int("severityNumber"),
                s("severityText"),
                s("eventName"),
                s("traceId"),
                s("spanId"),
                KEY_VALUES("attributes"),
              ],
            },
          ],
        },
      ],
    },
  ],
};
