// Golden tests: every capture folder of ../shared/fixtures/otlp replayed through groupRecordsBySession and
// buildSession must give its expected.json sessions; shuffling and re-feeding records must change nothing.
import { describe, expect, it } from "vitest";
import type { TelemetryRecord } from "@/db/telemetry";
import type { BuildResult, SessionData } from "@/lib/sessions/types";
import { buildSession, groupRecordsBySession } from "./index";
import { binaryDecoder } from "@/e2e/support/binary-decoder";
import {
  listFixtureFolders,
  loadFixtureBodies,
  loadFixtureRecords,
  readExpected,
  type ExpectedFixture,
} from "@/e2e/support/fixture-records";
import { seededRandom } from "@/e2e/support/seeded-random";

const FOLDERS = listFixtureFolders();

function buildAll(records: TelemetryRecord[]): BuildResult[] {
  return [...groupRecordsBySession(records)].map(([id, group]) => buildSession(id, group));
}

const sessionsOf = (results: BuildResult[]): SessionData[] =>
  results.flatMap((result) => (result.kind === "session" ? [result.session] : []));

/** Every field expected.json states, compared exactly; returns readable "path: expected ≠ actual" lines. */
function mismatches(expected: ExpectedFixture, actual: SessionData[]): string[] {
  const out: string[] = [];
  const ids = actual.map((session) => session.id);
  const wantIds = expected.sessions.map((session) => session.id);
  if (JSON.stringify(ids) !== JSON.stringify(wantIds)) out.push(`session ids: ${j(wantIds)} ≠ ${j(ids)}`);
  expected.sessions.forEach((want, s) => {
    const got = actual.find((session) => session.id === want.id);
    if (!got) return;
    if (got.turns.length !== want.turns.length)
      out.push(`${want.id} turns: ${want.turns.length} ≠ ${got.turns.length}`);
    want.turns.forEach((wantTurn, t) => {
      const gotTurn = got.turns[t] as unknown as Record<string, unknown> | undefined;
      for (const [field, value] of Object.entries(wantTurn)) {
        const actualValue = field === "tool_calls" ? project(gotTurn?.[field], value) : gotTurn?.[field];
        if (j(actualValue) !== j(value))
          out.push(`sessions[${s}].turns[${t}].${field}: ${j(value)} ≠ ${j(actualValue)}`);
      }
    });
  });
  const turnKeys = actual.flatMap((session) => session.turns.map((turn) => turn.key));
  for (const { id } of expected.excluded) {
    if (ids.includes(id) || turnKeys.includes(id)) out.push(`excluded id ${id} appears as a session or turn`);
  }
  return out;
}

/** Keeps only the tool call fields expected.json lists. */
function project(actual: unknown, expected: unknown): unknown {
  if (!Array.isArray(actual) || !Array.isArray(expected)) return actual;
  return actual.map((call: Record<string, unknown>, i) => {
    const fields = Object.keys((expected[i] ?? expected[0] ?? {}) as object);
    return Object.fromEntries(fields.map((field) => [field, call[field]]));
  });
}

const j = (value: unknown): string => JSON.stringify(value) ?? "undefined";

/** Shuffled, with half of the records fed twice (as re-indexed copies with new ids). */
function shuffledWithDuplicates(records: TelemetryRecord[], seed: number): TelemetryRecord[] {
  const random = seededRandom(seed);
  const copies = records
    .filter(() => random() < 0.5)
    .map((record) => ({ ...record, id: record.id + 1_000_000 }));
  const out = [...records, ...copies];
  for (let i = out.length - 1; i > 0; i--) {
    const k = Math.floor(random() * (i + 1));
    [out[i], out[k]] = [out[k]!, out[i]!];
  }
  return out;
}

function byId(results: BuildResult[]): Record<string, BuildResult> {
  return Object.fromEntries(
    results.map((result) => [result.kind === "session" ? result.session.id : result.id, result]),
  );
}

describe("golden: fixture folders", () => {
  it("finds the capture folders", () => {
    expect(FOLDERS.length).toBeGreaterThanOrEqual(48);
  });

  for (const folder of FOLDERS) {
    it(folder, () => {
      const records = loadFixtureRecords(folder, binaryDecoder);
      expect(mismatches(readExpected(folder), sessionsOf(buildAll(records)))).toEqual([]);
    });
  }
});

describe("order independence: shuffled and partly duplicated input", () => {
  for (const [i, folder] of FOLDERS.entries()) {
    it(folder, () => {
      const records = loadFixtureRecords(folder, binaryDecoder);
      const reference = byId(buildAll(records));
      expect(byId(buildAll(shuffledWithDuplicates(records, 1000 + i)))).toEqual(reference);
    });
  }
});

const turnKeys = (results: BuildResult[]): Map<string, string[]> =>
  new Map(sessionsOf(results).map((session) => [session.id, session.turns.map((turn) => turn.key)]));

describe("incremental arrival: every prefix of the requests builds, and its turn keys survive", () => {
  for (const folder of FOLDERS) {
    it(folder, () => {
      const bodies = loadFixtureBodies(folder, binaryDecoder);
      const final = turnKeys(buildAll(bodies.flat()));
      for (let count = 1; count < bodies.length; count++) {
        for (const [sessionId, keys] of turnKeys(buildAll(bodies.slice(0, count).flat()))) {
          expect(final.get(sessionId) ?? [], `${count} request(s): ${sessionId}`).toEqual(
            expect.arrayContaining(keys),
          );
        }
      }
      // Any subset, not only prefixes, must build without throwing.
      const random = seededRandom(FOLDERS.indexOf(folder));
      expect(() => buildAll(bodies.flat().filter(() => random() < 0.3))).not.toThrow();
    });
  }
});
