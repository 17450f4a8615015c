// The browser-facing defences of the UI port, applied to every request before Next sees it: DNS rebinding
// (Host allow-list), CSRF (foreign Origin on state-changing requests), the token gate (TRACEMARK_TOKEN and
// personal tokens: docs/team.md "People"), and security headers.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import type { Config } from "@/lib/config";
import { hasPeople, PERSON_HEADER, personByCookie, personByToken } from "@/lib/users/identity";
import type { TokenThrottle } from "./throttle";

export const TOKEN_COOKIE = "tracemark_token";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type GuardVerdict =
  { ok: true } | { ok: false; status: number; message: string; redirect?: string; retryAfter?: number };

function hostName(hostHeader: string | undefined): string | null {
  if (!hostHeader) return null;
  try {
    return new URL(`http://${hostHeader}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

export function allowedHostNames(config: Pick<Config, "host" | "allowedHosts">): Set<string> {
  const names = ["localhost", "127.0.0.1", "[::1]", config.host, ...config.allowedHosts];
  return new Set(
    names.map((name) => (name.includes(":") && !name.startsWith("[") ? `[${name}]` : name).toLowerCase()),
  );
}

/** Constant-time comparison so the token cannot be guessed byte by byte from response times: both sides are
 * hashed first, so neither the content nor the length of the expected value shows in the timing. */
export function tokenMatches(given: string | undefined | null, expected: string): boolean {
  if (!given) return false;
  const digest = (text: string): Buffer => createHmac("sha256", "tracemark-compare").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The login cookie's value: derived from the token, so the cookie never holds it, survives restarts, and
 * changes (signing everyone out) when the token does. */
export function sessionCookieValue(token: string): string {
  return createHmac("sha256", token).update("tracemark-session").digest("hex");
}

/** The client's address for throttling: the socket's peer, or behind a trusted proxy the address the proxy
 * appended last to X-Forwarded-For. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? firstHeader(req.headers["x-forwarded-for"]) : undefined;
  const last = forwarded?.split(",").pop()?.trim();
  return last || req.socket.remoteAddress || "unknown";
}

/** Served over HTTPS: the socket is TLS, or a trusted proxy says the client spoke HTTPS to it. */
export function servedOverHttps(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as Partial<TLSSocket>).encrypted === true) return true;
  return (
    trustProxy &&
    firstHeader(req.headers["x-forwarded-proto"])?.split(",")[0]?.trim().toLowerCase() === "https"
  );
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The named cookie's value; a malformed escape reads as no cookie (never throws: hostile headers are input). */
export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join("="));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** One segment of a static file name: plain characters only, not starting with a dot (so no `.`/`..`). */
const STATIC_SEGMENT = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$/;

/**
 * Whether a raw request path names a file under `/_next/static/` as it stands. Only plain spellings qualify:
 * anything a normalizer could resolve elsewhere (percent escapes, dot segments, backslashes, `;`, `//`) does
 * not, so the gate decides on exactly the path Next will serve (issue 12: `/_next/static/../../connect`).
 */
export function isPlainStaticPath(rawPath: string): boolean {
  if (!rawPath.startsWith("/_next/static/")) return false;
  return rawPath
    .slice("/_next/static/".length)
    .split("/")
    .every((segment) => STATIC_SEGMENT.test(segment));
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "");
  return match?.[1]?.trim();
}

type UiGuardConfig = Pick<Config, "host" | "allowedHosts" | "token" | "trustProxy" | "dataDir">;

/** Whether the UI requires a login: a TRACEMARK_TOKEN is set, or people were added (a team labels by name). */
export function loginRequired(config: Pick<Config, "token" | "dataDir">): boolean {
  return config.token !== null || hasPeople(config.dataDir);
}

/**
 * Decides whether a UI/API request may proceed. Wrong bearer tokens count against the throttle. A request let
 * through as a person carries their name in PERSON_HEADER (any such header the client sent is removed first).
 */
export function checkUiRequest(
  req: IncomingMessage,
  config: UiGuardConfig,
  throttle: TokenThrottle,
): GuardVerdict {
  delete req.headers[PERSON_HEADER];
  const host = hostName(req.headers.host);
  if (!host || !allowedHostNames(config).has(host)) {
    return {
      ok: false,
      status: 421,
      message: `tracemark does not answer to host "${req.headers.host ?? ""}"`,
    };
  }
  const origin = req.headers.origin;
  if (!SAFE_METHODS.has(req.method ?? "GET") && origin !== undefined) {
    const originHost = (() => {
      try {
        return new URL(origin).host.toLowerCase();
      } catch {
        return null;
      }
    })();
    if (originHost !== (req.headers.host ?? "").toLowerCase()) {
      return { ok: false, status: 403, message: `cross-origin ${req.method} from ${origin} refused` };
    }
  }
  const path = (req.url ?? "/").split("?")[0]!;
  if (path !== "/login" && !isPlainStaticPath(path) && loginRequired(config))
    return checkToken(req, path, config, throttle);
  return { ok: true };
}

/** The signed-in person by cookie, or by bearer token (`ok` for the owner's TRACEMARK_TOKEN too). */
function credentialOf(req: IncomingMessage, config: UiGuardConfig): "owner" | "person" | "stale" | null {
  const cookie = cookieValue(req, TOKEN_COOKIE);
  if (config.token && tokenMatches(cookie, sessionCookieValue(config.token))) return "owner";
  const person = personByCookie(config.dataDir, cookie);
  if (person) {
    req.headers[PERSON_HEADER] = person.name;
    return "person";
  }
  return cookie ? "stale" : null;
}

function bearerPerson(req: IncomingMessage, bearer: string, config: UiGuardConfig): boolean {
  if (config.token && tokenMatches(bearer, config.token)) return true;
  const person = personByToken(config.dataDir, bearer);
  if (person) req.headers[PERSON_HEADER] = person.name;
  return person !== null;
}

function checkToken(
  req: IncomingMessage,
  path: string,
  config: UiGuardConfig,
  throttle: TokenThrottle,
): GuardVerdict {
  // A cookie is a 256-bit MAC nobody can guess, so only bearer tokens are throttled (a stale cookie after a
  // token change must not lock its owner out of the login page).
  const credential = credentialOf(req, config);
  if (credential === "owner" || credential === "person") return { ok: true };
  const bearer = bearerToken(req);
  if (bearer !== undefined) {
    const address = clientAddress(req, config.trustProxy);
    const wait = throttle.retryAfter(address);
    if (wait > 0)
      return {
        ok: false,
        status: 429,
        message: `too many wrong tokens; retry in ${wait} s`,
        retryAfter: wait,
      };
    if (bearerPerson(req, bearer, config)) return { ok: true };
    throttle.fail(address);
  }
  const needs = config.token
    ? "its token (TRACEMARK_TOKEN) or a personal token"
    : "a personal token (npm run users -- add NAME)";
  const stale =
    credential === "stale"
      ? "your login is no longer valid (signed out, the person removed or given a new token); "
      : "";
  return path.startsWith("/api/")
    ? { ok: false, status: 401, message: `${stale}this tracemark requires ${needs}` }
    : {
        ok: false,
        status: 303,
        message: "login required",
        redirect: `/login?next=${encodeURIComponent(req.url ?? "/")}`,
      };
}

/** Whether an OTLP request carries the token (Authorization: Bearer, or the configured header). */
export function otlpAuthorized(
  headers: Record<string, string | string[] | undefined>,
  config: Pick<Config, "token" | "tokenHeader">,
): boolean {
  if (!config.token) return true;
  const header = headers[config.tokenHeader];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  const auth = headers.authorization;
  const bearer = /^Bearer\s+(.+)$/i.exec(Array.isArray(auth) ? (auth[0] ?? "") : (auth ?? ""))?.[1]?.trim();
  return tokenMatches(bearer, config.token) || tokenMatches(fromHeader, config.token);
}

/**
 * Headers for every UI response. Scripts run only with this response's nonce (Next reads it from the
 * request's CSP header and puts it on its own scripts), so no injected or inline script can run.
 */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse): void {
  const nonce = randomBytes(16).toString("base64");
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  req.headers["content-security-policy"] = policy;
  res.setHeader("Content-Security-Policy", policy);
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
}
