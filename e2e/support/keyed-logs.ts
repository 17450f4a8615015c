// Distinct, traceable logs requests cut from a real capture (claude-code/bash): body k is the capture with
// every record time moved by k ns, so each body is its own request and its earliest time names it, in the
// archive and in the index alike.
import path from "node:path";
import { readCapture } from "./replay";
import { FIXTURES } from "./server";

const TEMPLATE = readCapture(path.join(FIXTURES, "claude-code", "bash", "http-json"))
  .find((item) => item.signal === "logs")!
  .body.toString();
const TIME = /"timeUnixNano":\s*"(\d+)"/g;

const earliest = (text: string): bigint =>
  [...text.matchAll(TIME)].map((match) => BigInt(match[1]!)).reduce((a, b) => (b < a ? b : a));

/** The template's earliest record time: body k's is this + k. */
export const KEYED_BASE_NS = earliest(TEMPLATE);
export const RECORDS_PER_KEYED_BODY = [...TEMPLATE.matchAll(TIME)].length;

export function keyedLogsBody(k: number): Buffer {
  return Buffer.from(
    TEMPLATE.replace(TIME, (_match, ns: string) => `"timeUnixNano":"${BigInt(ns) + BigInt(k)}"`),
  );
}

/** k of an OTLP/JSON logs request made by keyedLogsBody (an archive line's request, stringified). */
export const keyOfLogsRequest = (json: string): number => Number(earliest(json) - KEYED_BASE_NS);
