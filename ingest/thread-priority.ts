// Lowers the calling thread's CPU priority, so that on a busy machine the acknowledging thread gets a core
// before the index thread does (indexing can wait: back pressure covers it; an acknowledgement cannot).
import fs from "node:fs";
import os from "node:os";

/**
 * Linux schedules threads, not processes: setpriority(2) on a thread id ("nice") changes that thread only,
 * and /proc/thread-self names the caller's id. Returns whether it took effect (false elsewhere, or when the
 * system refuses; the thread then runs at the process's priority, as before).
 */
export function lowerThreadPriority(nice: number): boolean {
  if (process.platform !== "linux") return false;
  try {
    const threadId = Number(fs.readlinkSync("/proc/thread-self").split("/").pop());
    if (!Number.isInteger(threadId) || threadId <= 0) return false;
    os.setPriority(threadId, Math.max(os.getPriority(threadId), nice));
    return true;
  } catch {
    return false;
  }
}
