// `npm run doctor`: checks what tracemark needs (ports, data dir, disk, native modules) and its data (index
// integrity, archive, label journal, sessions: scripts/doctor-data.ts), and says in plain words what is wrong
// and how to fix it. Exit code 1 when something is, 2 for a dir without an index (`--data-dir DIR` picks it).
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import { openArchiveSource } from "@/ingest/archive/open";
import { loadConfig, type Config } from "@/lib/config";
import { runningServerPid } from "@/lib/server-lock";
import { DATA_DIR_OPTION, refuseUnlessTracemarkDir } from "./data-dir";
import { checkData, type Check } from "./doctor-data";

/** Below this the disk fills within hours of heavy use; ingest then answers 503 until space returns. */
const MIN_FREE_BYTES = 256 * 1024 ** 2;

function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

async function checkPorts(config: Config, serverPid: number | null): Promise<Check[]> {
  const ports: [string, number, string][] = [
    ["UI and API", config.port, "PORT"],
    ["OTLP/HTTP", config.otlpHttpPort, "TRACEMARK_OTLP_HTTP_PORT"],
    ["OTLP/gRPC", config.otlpGrpcPort, "TRACEMARK_OTLP_GRPC_PORT"],
  ];
  const checks: Check[] = [];
  for (const [what, port, setting] of ports) {
    if (port === 0) {
      checks.push({ ok: true, what: `${what}: turned off (${setting}=0)` });
    } else if (await portFree(config.host, port)) {
      checks.push({ ok: true, what: `${what}: port ${port} is free` });
    } else if (serverPid !== null) {
      checks.push({
        ok: true,
        what: `${what}: port ${port} is in use by the running tracemark (pid ${serverPid})`,
      });
    } else {
      checks.push({
        ok: false,
        what: `${what}: port ${port} on ${config.host} is taken by another program`,
        fix: `stop that program, or set ${setting} to a free port`,
      });
    }
  }
  return checks;
}

function checkDataDir(dataDir: string): Check[] {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    const probe = path.join(dataDir, `.doctor-${process.pid}`);
    fs.writeFileSync(probe, "ok");
    fs.rmSync(probe);
  } catch (error) {
    return [
      {
        ok: false,
        what: `data dir ${dataDir} is not writable (${(error as Error).message})`,
        fix: "fix its permissions, or set TRACEMARK_DATA_DIR to a writable folder",
      },
    ];
  }
  const stats = fs.statfsSync(dataDir);
  const free = stats.bavail * stats.bsize;
  const freeText = `${(free / 1024 ** 3).toFixed(1)} GiB free`;
  return [
    { ok: true, what: `data dir ${dataDir} is writable` },
    free < MIN_FREE_BYTES
      ? {
          ok: false,
          what: `only ${freeText} on the data dir's disk`,
          fix: "free some space: when the disk is full ingest answers 503 until space returns",
        }
      : { ok: true, what: `${freeText} on the data dir's disk` },
  ];
}

async function checkNativeModules(): Promise<Check[]> {
  const checks: Check[] = [];
  const attempt = async (what: string, work: () => Promise<void> | void): Promise<void> => {
    try {
      await work();
      checks.push({ ok: true, what: `${what} loads and works` });
    } catch (error) {
      checks.push({
        ok: false,
        what: `${what} does not work: ${(error as Error).message}`,
        fix: "run `npm install` again (better-sqlite3 builds from source and needs python3, make and g++)",
      });
    }
  };
  await attempt("better-sqlite3 (with FTS5)", async () => {
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(":memory:");
    db.exec("CREATE VIRTUAL TABLE t USING fts5(a)");
    db.close();
  });
  await attempt("@mongodb-js/zstd", async () => {
    const zstd = await import("@mongodb-js/zstd");
    const back = await zstd.decompress(await zstd.compress(Buffer.from("tracemark")));
    if (back.toString() !== "tracemark") throw new Error("round trip changed the data");
  });
  await attempt("@grpc/grpc-js", async () => {
    await import("@grpc/grpc-js");
  });
  return checks;
}

/** The bucket of TRACEMARK_ARCHIVE_URL: reachable, existing, these credentials may write and delete. */
async function checkBucket(config: Config): Promise<Check[]> {
  if (!config.archiveBucket) return [];
  const { Bucket } = await import("@/ingest/archive/s3/bucket");
  const bucket = Bucket.open(config.archiveBucket);
  const where = `archive bucket ${config.archiveBucket.url}`;
  try {
    await bucket.check();
    return [{ ok: true, what: `${where} is reachable and writable with these credentials` }];
  } catch (error) {
    return [
      {
        ok: false,
        what: (error as Error).message,
        fix: "until this is fixed the server does not start (and refuses OTLP with 503 if it breaks while running)",
      },
    ];
  } finally {
    bucket.destroy();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: DATA_DIR_OPTION, strict: true });
  let config: Config;
  try {
    config = loadConfig({ dataDir: values["data-dir"] });
  } catch (error) {
    console.log(`✗ configuration: ${(error as Error).message}`);
    process.exit(1);
  }
  // In team mode the index is PostgreSQL's and a replica's data dir may be new and empty.
  if (!config.databaseUrl) refuseUnlessTracemarkDir(config.dataDir, "index");
  const serverPid = runningServerPid(config.dataDir);
  const bucket = await checkBucket(config);
  const source = await openArchiveSource({ dataDir: config.dataDir, bucket: config.archiveBucket });
  const checks = [
    ...(await checkPorts(config, serverPid)),
    ...checkDataDir(config.dataDir),
    ...(await checkNativeModules()),
    ...bucket,
    // The archive's own checks need a usable bucket.
    ...(await checkData(
      config.dataDir,
      config.databaseUrl,
      bucket.some((check) => !check.ok) ? null : source,
      serverPid,
    )),
  ];
  for (const check of checks) {
    console.log(`${check.ok ? "✓" : "✗"} ${check.what}`);
    if (check.fix) console.log(`    → ${check.fix}`);
  }
  const problems = checks.filter((check) => !check.ok).length;
  console.log(
    problems === 0 ? "\nEverything looks right." : `\n${problems} problem${problems === 1 ? "" : "s"} found.`,
  );
  process.exit(problems === 0 ? 0 : 1);
}

void main();
