// One server per data dir: <data>/server.pid names the process holding the dir (pid and, on Linux, its start
// time), created exclusively, so two starts cannot both win and offline commands (reindex) can refuse to run
// under a server. A stale file (dead pid, zombie, or a pid reused by another process) never refuses a start.
import fs from "node:fs";
import path from "node:path";

function lockPath(dataDir: string): string {
  return path.join(dataDir, "server.pid");
}

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses), or null off Linux
 * or when the process is gone. [0] is the state ('Z' zombie, 'X' dead), [19] the start time in clock ticks. */
function procStat(pid: number): string[] | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return text.slice(text.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

function startTimeOf(pid: number): string | null {
  return procStat(pid)?.[19] ?? null;
}

/** Alive, not a zombie, and (when the file recorded it) the same process that wrote the file. */
function isRunning(pid: number, startTime: string | null): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const stat = procStat(pid);
  if (!stat) return !fs.existsSync("/proc/self/stat"); // no /proc (not Linux): kill(0) is all we can ask
  if (stat[0] === "Z" || stat[0] === "X") return false;
  return startTime === null || stat[19] === startTime;
}

function readLock(dataDir: string): { pid: number; startTime: string | null } | null {
  try {
    const [pid, startTime] = fs.readFileSync(lockPath(dataDir), "utf8").trim().split(/\s+/);
    const parsed = Number(pid);
    return Number.isInteger(parsed) && parsed > 0 ? { pid: parsed, startTime: startTime ?? null } : null;
  } catch {
    return null;
  }
}

/** The pid of a live server on this data dir, if any (a stale file from a crash is ignored). */
export function runningServerPid(dataDir: string): number | null {
  const lock = readLock(dataDir);
  return lock && lock.pid !== process.pid && isRunning(lock.pid, lock.startTime) ? lock.pid : null;
}

/**
 * Takes the data dir for this process: creates the file exclusively; a stale one is replaced. Returns null on
 * success, or the pid of the live process that holds the dir.
 */
export function acquireServerLock(dataDir: string): number | null {
  fs.mkdirSync(dataDir, { recursive: true });
  const content = `${process.pid} ${startTimeOf(process.pid) ?? ""}`.trim() + "\n";
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath(dataDir), content, { flag: "wx" });
      return null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const other = runningServerPid(dataDir);
    if (other !== null) return other;
    if (readLock(dataDir)?.pid === process.pid) return null; // ours already (written by this process)
    fs.rmSync(lockPath(dataDir), { force: true }); // stale: a crash, a zombie, or a reused pid
  }
  throw new Error(`${lockPath(dataDir)} keeps changing: is another tracemark starting on this data dir?`);
}

export function removeServerLock(dataDir: string): void {
  if (readLock(dataDir)?.pid === process.pid) fs.rmSync(lockPath(dataDir), { force: true });
}
