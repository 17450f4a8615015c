// The people of a tracemark and their personal tokens: a journal in <data>/users.jsonl (appended and
// fsync'ed, like labels.jsonl and reasons.jsonl), so people survive `npm run reindex`. A token is shown once
// by `npm run users -- add` and only its SHA-256 is stored (why not scrypt: see hashToken). In team mode the
// same lines are rows of journal_lines (lib/journals/database.ts).
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { personNameProblem } from "@/lib/shared/people";

export interface Person {
  name: string;
  /** SHA-256 (hex) of the personal token. */
  tokenHash: string;
  addedAt: number; // epoch ms
}

export type UserLine =
  | { v: 1; op: "add"; name: string; token_sha256: string; at: number }
  | { v: 1; op: "remove"; name: string; at: number };

export function usersPath(dataDir: string): string {
  return path.join(dataDir, "users.jsonl");
}

/**
 * A plain SHA-256 is enough because a token is 32 random bytes (256 bits): no guess list or brute force gets
 * near it, which is what a slow hash (scrypt) protects low-entropy passwords from. It also lets the gate check
 * a bearer token on every API request without spending ~50 ms of CPU on each (a slow hash there invites a DoS).
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function isLine(value: unknown): value is UserLine {
  const line = value as Partial<UserLine & { token_sha256: unknown }> | null;
  if (typeof line !== "object" || line === null || line.v !== 1 || typeof line.at !== "number") return false;
  if (typeof line.name !== "string" || personNameProblem(line.name) !== null) return false;
  if (line.op === "remove") return true;
  return (
    line.op === "add" && typeof line.token_sha256 === "string" && /^[0-9a-f]{64}$/.test(line.token_sha256)
  );
}

export interface UsersReading {
  people: Map<string, Person>;
  /** 1-based numbers of lines that are not user lines (skipped). */
  damagedLines: number[];
}

/** Replays the journal: an `add` creates or replaces a person's token, a `remove` revokes it. */
export function readUsersFile(dataDir: string): UsersReading {
  let text: string;
  try {
    text = fs.readFileSync(usersPath(dataDir), "utf8");
  } catch {
    return { people: new Map(), damagedLines: [] };
  }
  const lines = text.split("\n");
  if (!text.endsWith("\n")) lines.pop(); // a torn last line (a crash mid-append) was never acknowledged
  return readUserLines(lines);
}

/** Replays complete journal lines (a file's, or journal_lines' in team mode). */
export function readUserLines(lines: string[]): UsersReading {
  const reading: UsersReading = { people: new Map(), damagedLines: [] };
  lines.forEach((raw, index) => {
    if (raw.trim() === "") return;
    let line: unknown;
    try {
      line = JSON.parse(raw);
    } catch {
      line = null;
    }
    if (!isLine(line)) return void reading.damagedLines.push(index + 1);
    if (line.op === "remove") reading.people.delete(line.name);
    else reading.people.set(line.name, { name: line.name, tokenHash: line.token_sha256, addedAt: line.at });
  });
  return reading;
}

/** Shared by server.ts and the route bundles (separate module copies in one process), like lib/runtime.ts. */
const globalForUsers = globalThis as unknown as {
  __tracemarkUsers?: Map<string, { stamp: string; reading: UsersReading }>;
};
const cache = (globalForUsers.__tracemarkUsers ??= new Map<
  string,
  { stamp: string; reading: UsersReading }
>());

/**
 * The current people, re-read when the file changes (the CLI adds and removes people while the server runs;
 * one stat per call is a few microseconds).
 */
export function readUsers(dataDir: string): UsersReading {
  let stamp = "none";
  try {
    const stat = fs.statSync(usersPath(dataDir));
    stamp = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    // no file: nobody
  }
  const cached = cache.get(dataDir);
  if (cached && cached.stamp === stamp) return cached.reading;
  const reading = readUsersFile(dataDir);
  cache.set(dataDir, { stamp, reading });
  return reading;
}

function append(dataDir: string, line: UserLine): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = usersPath(dataDir);
  const fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_APPEND, 0o600);
  try {
    const size = fs.fstatSync(fd).size;
    const lead = size > 0 && fs.readFileSync(file).at(-1) !== 0x0a ? "\n" : ""; // end a torn line first
    fs.writeSync(fd, lead + JSON.stringify(line) + "\n");
    fs.fdatasyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function checkName(name: string): void {
  const problem = personNameProblem(name);
  if (problem) throw new AppError("bad-request", problem);
}

/** The line adding `name` to the people `current` (or, with `replace`, a new token), and the token. */
export function addUserLine(
  current: UsersReading,
  name: string,
  options: { replace?: boolean } = {},
): { line: UserLine; token: string } {
  checkName(name);
  if (current.people.has(name) && !options.replace) {
    throw new AppError("conflict", `${name} already has a token (add --replace to issue a new one)`);
  }
  const token = `tmp_${randomBytes(32).toString("base64url")}`;
  return { line: { v: 1, op: "add", name, token_sha256: hashToken(token), at: Date.now() }, token };
}

/** The line removing `name` from the people `current`. */
export function removeUserLine(current: UsersReading, name: string): UserLine {
  checkName(name);
  if (!current.people.has(name)) throw new AppError("not-found", `no person named ${name}`);
  return { v: 1, op: "remove", name, at: Date.now() };
}

/** Adds a person (or, with `replace`, gives an existing one a new token); returns the token, shown once. */
export function addUser(dataDir: string, name: string, options: { replace?: boolean } = {}): string {
  const { line, token } = addUserLine(readUsersFile(dataDir), name, options);
  append(dataDir, line);
  return token;
}

/** Revokes a person's token: their logins stop at once; their labels stay (authored by that name). */
export function removeUser(dataDir: string, name: string): void {
  append(dataDir, removeUserLine(readUsersFile(dataDir), name));
}
