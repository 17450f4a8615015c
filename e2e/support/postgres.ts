// A throwaway PostgreSQL cluster for tests: initdb in a temp dir, the server on 127.0.0.1 and a free port, one
// fresh database per caller, everything removed on stop. Debian's `postgresql` package (CI installs it in .ci/run);
// the server refuses to run as root, so as root the cluster is owned by and run as the `postgres` user.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./server";

export interface TestPostgres {
  /** postgres://tracemark@127.0.0.1:port/postgres: the maintenance database (create others with createDatabase). */
  url: string;
  port: number;
  dir: string;
  /** A new empty database; returns its URL. */
  createDatabase: (name?: string) => Promise<string>;
  output: () => string;
  stop: () => Promise<void>;
}

const USER = "tracemark";

/** The folder holding initdb and postgres: TRACEMARK_PG_BIN, else the newest /usr/lib/postgresql/<n>/bin. */
export function postgresBinDir(): string | null {
  const override = process.env.TRACEMARK_PG_BIN;
  if (override) return fs.existsSync(path.join(override, "initdb")) ? override : null;
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((name) => fs.existsSync(path.join(root, name, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], "bin") : null;
}

/**
 * Why tests needing PostgreSQL cannot run here, or null when they can. Missing binaries skip those tests
 * locally; with TRACEMARK_REQUIRE_POSTGRES=1 (set by .ci/run, which installs them) they are an error instead,
 * so CI never skips silently.
 */
export function postgresUnavailable(): string | null {
  if (postgresBinDir()) return null;
  const reason = "PostgreSQL binaries not found (apt-get install postgresql, or set TRACEMARK_PG_BIN)";
  if (process.env.TRACEMARK_REQUIRE_POSTGRES === "1")
    throw new Error(`${reason}; TRACEMARK_REQUIRE_POSTGRES=1`);
  console.warn(`skipping PostgreSQL tests: ${reason}`);
  return reason;
}

/** uid/gid to run the cluster as: ours, or the `postgres` user's when we are root. */
function clusterOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  return { uid, gid };
}

function initCluster(bin: string, dir: string, owner: ReturnType<typeof clusterOwner>): void {
  if (owner) fs.chownSync(dir, owner.uid, owner.gid);
  execFileSync(
    path.join(bin, "initdb"),
    ["-D", path.join(dir, "data"), "-U", USER, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
    { stdio: "pipe", cwd: dir, ...owner, env: { ...process.env, HOME: dir } },
  );
}

async function waitReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}:\n${output()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline)
        throw new Error(`postgres did not start in 60 s (${String(error)}):\n${output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** `durable: false` (default) turns fsync off: the cluster is thrown away, and tests kill tracemark, not it. */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (!bin)
    throw new Error("PostgreSQL binaries not found (apt-get install postgresql, or set TRACEMARK_PG_BIN)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracemark-pg-"));
  const owner = clusterOwner();
  initCluster(bin, dir, owner);
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerOnce(bin, dir, owner, options);
    } catch (error) {
      // The free port can be taken between picking and binding it: try again with another.
      if (attempt >= 4 || !/already in use/i.test((error as Error).message)) {
        fs.rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
}

async function startServerOnce(
  bin: string,
  dir: string,
  owner: ReturnType<typeof clusterOwner>,
  options: { durable?: boolean },
): Promise<TestPostgres> {
  const port = await freePort();
  const settings = [
    "-c",
    "shared_buffers=32MB",
    "-c",
    "max_connections=60",
    "-c",
    `fsync=${options.durable ? "on" : "off"}`,
  ];
  const child = spawn(
    path.join(bin, "postgres"),
    ["-D", path.join(dir, "data"), "-h", "127.0.0.1", "-p", String(port), "-k", dir, ...settings],
    { cwd: dir, stdio: ["ignore", "pipe", "pipe"], ...owner, env: { ...process.env, HOME: dir } },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `postgres://${USER}@127.0.0.1:${port}/postgres`;
  try {
    await waitReady(url, child, () => output);
  } catch (error) {
    if (child.exitCode === null) child.kill("SIGKILL");
    await exited;
    throw error;
  }
  let databases = 0;
  return {
    url,
    port,
    dir,
    output: () => output,
    createDatabase: async (name = `tracemark_${process.pid}_${++databases}`) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
      } finally {
        await client.end();
      }
      return `postgres://${USER}@127.0.0.1:${port}/${encodeURIComponent(name)}`;
    },
    stop: async () => {
      // SIGINT: PostgreSQL's "fast" shutdown (ends sessions, then exits), so no orphan outlives its folder.
      if (child.exitCode === null) child.kill("SIGINT");
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
