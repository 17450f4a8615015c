// Lone UTF-16 surrogates (OTLP/JSON may carry "\ud800"; protobuf cannot: its strings are UTF-8) become U+FFFD
// in the canonical form, so every archive line is valid UTF-8 JSON for `jq` and the index, the API and URLs see
// the same text (docs/archive-format.md).

/** JSON.stringify writes a lone surrogate as a `\udXXX` escape (a valid pair is written as itself), so such an
 * escape that is not itself escaped (an even run of backslashes before it) is exactly a lone surrogate. */
const LONE_SURROGATE_ESCAPE = /(?<=(?:^|[^\\])(?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/gi;

/** The serialized canonical request with lone surrogates replaced by U+FFFD, or null when it has none. */
export function wellFormedJson(json: string): string | null {
  if (!json.includes("\\ud")) return null; // the common case: one scan, no regex
  LONE_SURROGATE_ESCAPE.lastIndex = 0;
  if (!LONE_SURROGATE_ESCAPE.test(json)) return null;
  return json.replace(LONE_SURROGATE_ESCAPE, "\ufffd");
}
