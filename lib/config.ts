// Every setting, parsed once from the environment into one frozen object. Nothing else reads process.env.
import os from "node:os";
import path from "node:path";

export interface Config {
  /** Where the archive, index and label journal live. */
  dataDir: string;
  /** Interface every listener binds to; loopback by default so nothing is reachable off-machine. */
  host: string;
  /** UI + JSON API (+ OTLP/HTTP routes for one-port setups); 0 = off. */
  port: number;
  /** Dedicated OTLP/HTTP listener (the OTLP default port); 0 = off. */
  otlpHttpPort: number;
  /** OTLP/gRPC listener (the OTLP default port); 0 = off. */
  otlpGrpcPort: number;
  /** Largest accepted request body, compressed and decompressed alike (OTLP bodies are rarely > 4 MiB). */
  maxBodyBytes: number;
  /** fsync the archive before acknowledging: survives power loss, costs latency (see docs/archive-format.md). */
  fsync: boolean;
  /** Name stored with each label. */
  userName: string;
  /** Shared secret required by OTLP, the UI and the API when set; mandatory off loopback. */
  token: string | null;
  /** Extra header OTLP clients may carry the token in (besides `Authorization: Bearer`). */
  tokenHeader: string;
  /** Host names the UI answers to besides the bind host and localhost (DNS-rebinding defence). */
  allowedHosts: readonly string[];
  /** Browser origins allowed to send OTLP (CORS); none by default. */
  corsOrigins: readonly string[];
  /** Drop archive segments and index rows older than this many days; 0 keeps everything. */
  retentionDays: number;
  /** With retention on, also drop labeled turns (kept by default). */
  retentionDropLabeled: boolean;
  /** HOME-like roots whose agent transcripts are read as they are written; none by default (they hold full
   * system prompts and file contents, so reading them is opt-in). `~` is the user's own home. */
  transcriptHomes: readonly string[];
  /** How often the transcript roots are scanned for new lines. */
  transcriptScanMs: number;
  /** Team mode: how often a replica indexes what the other replicas archived in the bucket (ingest/bucket-sweep.ts). */
  sweepMs: number;
  /** Trust X-Forwarded-Proto/-For from a reverse proxy (Secure cookie behind HTTPS, client address for throttling). */
  trustProxy: boolean;
  /** Open connections per listener; a local sink needs a handful, and 3 × 256 stays under a 1024-descriptor limit. */
  maxConnections: number;
  /** gRPC connections without a call for this long are closed (exporters reconnect on their next export). */
  connectionIdleMs: number;
  /** gRPC connections older than this are asked to reconnect (GOAWAY), then cut after a grace period. */
  connectionMaxAgeMs: number;
  /** A new gRPC connection must send the HTTP/2 preface within this, or it is closed. */
  handshakeTimeoutMs: number;
  /** OTLP requests being decoded and archived at once, HTTP and gRPC together; more get 429 / RESOURCE_EXHAUSTED. */
  maxInflight: number;
  /** Bytes of OTLP bodies (decompressed) in memory at once across HTTP and gRPC; past it 429 / RESOURCE_EXHAUSTED.
   * A 23 MiB export costs ~340 MiB of RSS while decoded, archived and indexed, so 64 MiB keeps the issue-12
   * loads under 1 GB (bench/memory-bound.ts: peaks of 560–620 MiB). */
  bodyBudgetBytes: number;
  /** The archive in an S3-compatible bucket instead of `<data>/archive` (TRACEMARK_ARCHIVE_URL); null = local.
   * Endpoint, credentials and region come from the AWS SDK's own resolution (AWS_* variables, profiles). */
  archiveBucket: BucketLocation | null;
  /** The index, sessions, labels and everything derived on PostgreSQL (TRACEMARK_DATABASE_URL, team mode,
   * docs/team.md); null = SQLite in the data dir, the embedded default. */
  databaseUrl: string | null;
}

/** Where a bucket archive lives: `s3://<bucket>/<prefix>` (the same shape as ingest's BucketLocation, which
 * server.ts hands this to: lib does not import ingest). */
export interface BucketLocation {
  /** As configured, for messages. */
  url: string;
  bucket: string;
  /** Key prefix without leading or trailing slash; "" for the bucket's root. */
  prefix: string;
  /** Path-style addressing (`endpoint/bucket/key`): MinIO, Ceph and most local servers need it. Default: on
   * when a custom endpoint is set (AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL), else virtual-hosted (AWS, R2). */
  pathStyle: boolean;
}

/** S3's bucket naming rules (3-63 characters: lowercase letters, digits, dots, hyphens). */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** `s3://bucket/prefix`, taken literally (no percent-decoding, as the AWS CLI does). */
export function parseArchiveUrl(raw: string, pathStyle: boolean): BucketLocation {
  const fail = (why: string): never => {
    throw new Error(
      `TRACEMARK_ARCHIVE_URL=${raw} ${why} (expected s3://<bucket>/<prefix>, e.g. s3://tracemark/archive)`,
    );
  };
  const match = /^s3:\/\/([^/]*)(?:\/(.*))?$/.exec(raw.trim());
  if (!match) return fail("is not an s3:// address");
  const bucket = match[1]!;
  if (!BUCKET_NAME.test(bucket))
    return fail(`names the bucket "${bucket}", which is not a valid bucket name`);
  const prefix = (match[2] ?? "").replace(/^\/+|\/+$/g, "");
  // Keys name files on many S3-compatible servers (and in `aws s3 cp` targets): refuse what cannot be one.
  if ([...prefix].some((c) => c.charCodeAt(0) < 0x20 || c === "\u007f" || c === "\\"))
    return fail("has control characters or a backslash in its prefix");
  if (prefix !== "" && prefix.split("/").some((part) => part === "" || part === "." || part === ".."))
    return fail("has an empty, '.' or '..' part in its prefix");
  if (Buffer.byteLength(prefix) > 512) return fail("has a prefix over 512 bytes");
  return { url: raw.trim(), bucket, prefix, pathStyle };
}

function parseArchiveBucket(): BucketLocation | null {
  const raw = process.env.TRACEMARK_ARCHIVE_URL;
  if (raw === undefined || raw.trim() === "") return null;
  return archiveLocation(raw);
}

/** An s3:// URL (TRACEMARK_ARCHIVE_URL's, or `npm run migrate --archive`'s) with the addressing the
 * environment asks for: path-style with a custom endpoint (MinIO, s3rver) unless TRACEMARK_ARCHIVE_PATH_STYLE. */
export function archiveLocation(url: string): BucketLocation {
  const customEndpoint = Boolean(process.env.AWS_ENDPOINT_URL_S3 || process.env.AWS_ENDPOINT_URL);
  return parseArchiveUrl(url, parseBool("TRACEMARK_ARCHIVE_PATH_STYLE", customEndpoint));
}

function parseDatabaseUrl(): string | null {
  const raw = process.env.TRACEMARK_DATABASE_URL?.trim();
  if (!raw) return null;
  if (!/^postgres(ql)?:\/\/./.test(raw))
    throw new Error(
      "TRACEMARK_DATABASE_URL must be a postgres:// URL (e.g. postgres://user:pass@host:5432/tracemark)",
    );
  return raw;
}

/** Shorter tokens can be guessed; 16 characters of `openssl rand -hex 16` are 64 bits. */
export const MIN_TOKEN_LENGTH = 16;

function parsePort(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name}=${raw} is not a port number (0-65535; 0 turns the listener off)`);
  }
  return port;
}

function parseBytes(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const match = /^(\d+)\s*(k|m|g)?i?b?$/i.exec(raw.trim());
  if (!match) throw new Error(`${name}=${raw} is not a size (e.g. 32MiB, 1048576)`);
  const unit = { k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 }[(match[2] ?? "").toLowerCase() as "k" | "m" | "g"] ?? 1;
  return Number(match[1]) * unit;
}

function parseBool(name: string, fallback: boolean): boolean {
  const raw = process.env[name]?.toLowerCase();
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes", "on"].includes(raw)) return true;
  if (["0", "false", "no", "off"].includes(raw)) return false;
  throw new Error(`${name}=${raw} is not a boolean (true/false)`);
}

function parseList(name: string): string[] {
  return (process.env[name] ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

function parseDays(name: string): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return 0;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 0)
    throw new Error(`${name}=${raw} is not a number of days (0 = keep everything)`);
  return days;
}

function parseMs(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const match = /^(\d+)\s*(ms|s|m|h)?$/i.exec(raw.trim());
  if (!match || Number(match[1]) <= 0)
    throw new Error(`${name}=${raw} is not a duration (e.g. 500ms, 10s, 5m, 1h)`);
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[(match[2] ?? "ms").toLowerCase() as "ms"];
  return Number(match[1]) * unit;
}

function parseCount(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1) throw new Error(`${name}=${raw} is not a positive whole number`);
  return count;
}

function checkToken(token: string | null): void {
  if (token !== null && token.length < MIN_TOKEN_LENGTH) {
    throw new Error(
      `TRACEMARK_TOKEN is ${token.length} characters; use at least ${MIN_TOKEN_LENGTH} ` +
        "(a random one: `openssl rand -hex 32`).",
    );
  }
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);
export const isLoopback = (host: string): boolean => LOOPBACK.has(host) || host.startsWith("127.");

function localUserName(): string {
  try {
    return os.userInfo().username || "local";
  } catch {
    return "local";
  }
}

/** Relative to the working directory the server (or script) starts in. */
export const DEFAULT_DATA_DIR = "./data";

/** The data dir a maintenance script was pointed at (`--data-dir`), else TRACEMARK_DATA_DIR, else ./data. */
export function resolveDataDir(flag?: string): string {
  return path.resolve(/* turbopackIgnore: true */ flag || process.env.TRACEMARK_DATA_DIR || DEFAULT_DATA_DIR);
}

/** `overrides.dataDir` is a script's `--data-dir`, which wins over the environment. */
export function loadConfig(overrides: { dataDir?: string } = {}): Readonly<Config> {
  const host = process.env.TRACEMARK_HOST || "127.0.0.1";
  const token = process.env.TRACEMARK_TOKEN || null;
  if (!isLoopback(host) && !token) {
    throw new Error(
      `TRACEMARK_HOST=${host} would expose your telemetry beyond this machine without protection. ` +
        "Set TRACEMARK_TOKEN to a long random secret (clients then send it as a bearer token), or bind 127.0.0.1.",
    );
  }
  checkToken(token);
  const maxBodyBytes = parseBytes("TRACEMARK_MAX_BODY", 32 * 2 ** 20);
  // A larger TRACEMARK_MAX_BODY raises the default budget so that one such body still fits beside others.
  const bodyBudgetBytes = parseBytes("TRACEMARK_BODY_BUDGET", Math.max(64 * 2 ** 20, 2 * maxBodyBytes));
  if (bodyBudgetBytes < maxBodyBytes) {
    throw new Error(
      `TRACEMARK_BODY_BUDGET (${bodyBudgetBytes} bytes) must be at least TRACEMARK_MAX_BODY (${maxBodyBytes} bytes)`,
    );
  }
  return Object.freeze({
    dataDir: resolveDataDir(overrides.dataDir),
    host,
    port: parsePort("PORT", 3000),
    otlpHttpPort: parsePort("TRACEMARK_OTLP_HTTP_PORT", 4318),
    otlpGrpcPort: parsePort("TRACEMARK_OTLP_GRPC_PORT", 4317),
    maxBodyBytes,
    fsync: parseBool("TRACEMARK_FSYNC", false),
    userName: process.env.TRACEMARK_USER || localUserName(),
    token,
    tokenHeader: (process.env.TRACEMARK_TOKEN_HEADER || "x-tracemark-token").toLowerCase(),
    allowedHosts: Object.freeze(parseList("TRACEMARK_ALLOWED_HOSTS")),
    corsOrigins: Object.freeze(parseList("TRACEMARK_CORS_ORIGINS")),
    retentionDays: parseDays("TRACEMARK_RETENTION_DAYS"),
    retentionDropLabeled: parseBool("TRACEMARK_RETENTION_DROP_LABELED", false),
    transcriptHomes: Object.freeze(parseList("TRACEMARK_TRANSCRIPT_HOMES").map((root) => expandHome(root))),
    transcriptScanMs: parseMs("TRACEMARK_TRANSCRIPT_SCAN_MS", 2_000),
    sweepMs: parseMs("TRACEMARK_SWEEP_MS", 60_000), // ingest/bucket-sweep.ts SWEEP_INTERVAL_MS
    trustProxy: parseBool("TRACEMARK_TRUST_PROXY", false),
    maxConnections: parseCount("TRACEMARK_MAX_CONNECTIONS", 256),
    connectionIdleMs: parseMs("TRACEMARK_CONNECTION_IDLE", 300_000),
    connectionMaxAgeMs: parseMs("TRACEMARK_CONNECTION_MAX_AGE", 3_600_000),
    handshakeTimeoutMs: parseMs("TRACEMARK_HANDSHAKE_TIMEOUT", 10_000),
    maxInflight: parseCount("TRACEMARK_MAX_INFLIGHT", 64),
    bodyBudgetBytes,
    archiveBucket: parseArchiveBucket(),
    databaseUrl: parseDatabaseUrl(),
  });
}

/** `~` and `~/…` are the user's own home. */
export function expandHome(root: string): string {
  const home = os.homedir();
  if (root === "~") return home;
  return path.resolve(
    /* turbopackIgnore: true */ root.startsWith("~/") ? path.join(home, root.slice(2)) : root,
  );
}

let cached: Readonly<Config> | undefined;
/** The process-wide configuration (parsed on first use). */
export function getConfig(): Readonly<Config> {
  cached ??= loadConfig();
  return cached;
}
