// `npm run reindex -- --data-dir DIR`, the real script, timed from spawn to exit; the counts are its own
// summary line. Bounded: a reindex that runs past `timeoutMs` is killed and reported as such.
import { spawn } from "node:child_process";
import { ROOT } from "../report";
import { track } from "../servers";
import { nowMs, round } from "../stats";

export interface ReindexResult {
  seconds: number;
  /** Log records + spans + metric points the script reports having indexed. */
  records: number;
  recordsPerSecond: number;
  sessions: number;
  turns: number;
  /** Set when the script was stopped at the deadline (the other figures are then zero). */
  timedOut: boolean;
}

const SUMMARY = /(\d+) log records, (\d+) spans, (\d+) metric points, (\d+) sessions, (\d+) turns/;

export function runReindex(dataDir: string, timeoutMs: number): Promise<ReindexResult> {
  return new Promise((resolve, reject) => {
    const start = nowMs();
    // detached: its own process group, so the deadline stops npm, tsx and node together.
    const child = spawn("npm", ["run", "--silent", "reindex", "--", "--data-dir", dataDir], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    track(child);
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid!, "SIGKILL");
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      const seconds = round((nowMs() - start) / 1000);
      if (timedOut)
        return resolve({ seconds, records: 0, recordsPerSecond: 0, sessions: 0, turns: 0, timedOut });
      const match = SUMMARY.exec(output);
      if (code !== 0 || !match) return reject(new Error(`npm run reindex exited with ${code}: ${output}`));
      const [logs, spans, points, sessions, turns] = match.slice(1).map(Number);
      const records = logs! + spans! + points!;
      resolve({
        seconds,
        records,
        recordsPerSecond: Math.round(records / seconds),
        sessions: sessions!,
        turns: turns!,
        timedOut,
      });
    });
  });
}
