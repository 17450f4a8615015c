// One server per data dir: <data>/server.pid holds the running server's pid, so offline commands
// (reindex) can refuse to run under it.
import fs from "node:fs";
import path from "node:path";

function lockPath(dataDir: string): string {
  return path.join(dataDir, "server.pid");
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The pid of a live server on this data dir, if any (a stale file from a crash is ignored). */
export function runningServerPid(dataDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(lockPath(dataDir), "utf8").trim());
    return Number.isInteger(pid) && pid !== process.pid && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

export function writeServerLock(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(lockPath(dataDir), String(process.pid));
}

export function removeServerLock(dataDir: string): void {
  fs.rmSync(lockPath(dataDir), { force: true });
}
