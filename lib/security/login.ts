// The login page for a token-protected tracemark: a plain HTML form (no script). A right token (TRACEMARK_TOKEN,
// or a person's token from `npm run users -- add`) sets an HttpOnly, SameSite=Strict cookie holding a value
// derived from it (never the token itself; a person's names them), `Secure` when served over HTTPS; wrong
// tokens are throttled per address and overall.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Config } from "@/lib/config";
import { personByToken, personCookieValue } from "@/lib/users/identity";
import { clientAddress, servedOverHttps, sessionCookieValue, TOKEN_COOKIE, tokenMatches } from "./guard";
import type { TokenThrottle } from "./throttle";

const MAX_FORM_BYTES = 4096;

function page(message: string, next: string): string {
  const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>tracemark — sign in</title>
<meta name="viewport" content="width=device-width"><style>body{font:16px system-ui;margin:15vh auto;max-width:22rem;padding:0 1rem}
input,button{font:inherit;padding:.5rem;width:100%;box-sizing:border-box;margin-top:.5rem}@media(prefers-color-scheme:dark){body{background:#09090b;color:#f4f4f5}}</style></head>
<body><h1>tracemark</h1><p>This tracemark is protected by a token: your personal token (from <code>npm run users -- add NAME</code>) or <code>TRACEMARK_TOKEN</code>.</p>
${message ? `<p role="alert">${escape(message)}</p>` : ""}
<form method="post" action="/login"><input type="hidden" name="next" value="${escape(next)}">
<label>Token<input type="password" name="token" autocomplete="current-password" autofocus required></label>
<button type="submit">Sign in</button></form></body></html>`;
}

/** Only same-site paths, never `//host` or a scheme. */
function safeNext(next: string | null | undefined): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
      if (body.length > MAX_FORM_BYTES) {
        reject(new Error("form too large"));
        req.destroy();
      }
    });
    req.on("end", () => resolve(new URLSearchParams(body)));
    req.on("error", reject);
  });
}

type LoginConfig = Pick<Config, "trustProxy" | "token" | "dataDir">;

/** The cookie value a right token earns: the owner's (TRACEMARK_TOKEN) or a person's; null when wrong. */
function cookieFor(token: string | null, config: LoginConfig): string | null {
  if (config.token && tokenMatches(token, config.token)) return sessionCookieValue(config.token);
  const person = personByToken(config.dataDir, token);
  return person ? personCookieValue(person) : null;
}

export async function handleLogin(
  req: IncomingMessage,
  res: ServerResponse,
  config: LoginConfig,
  throttle: TokenThrottle,
): Promise<void> {
  const url = new URL(req.url ?? "/login", "http://localhost");
  const html = (status: number, message: string, next: string, extra: Record<string, string> = {}): void => {
    res.writeHead(status, {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy":
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
      "X-Frame-Options": "DENY",
      ...extra,
    });
    res.end(page(message, next));
  };
  if (req.method !== "POST") return html(200, "", safeNext(url.searchParams.get("next")));
  const form = await readForm(req).catch(() => new URLSearchParams());
  const next = safeNext(form.get("next"));
  const address = clientAddress(req, config.trustProxy);
  const wait = throttle.retryAfter(address);
  if (wait > 0)
    return html(429, `Too many wrong tokens. Try again in ${wait} s.`, next, { "Retry-After": String(wait) });
  const cookie = cookieFor(form.get("token"), config);
  if (!cookie) {
    throttle.fail(address);
    return html(401, "That token is not right.", next);
  }
  const secure = servedOverHttps(req, config.trustProxy) ? "; Secure" : "";
  res.writeHead(303, {
    "Set-Cookie": `${TOKEN_COOKIE}=${cookie}; HttpOnly; SameSite=Strict; Path=/; Max-Age=31536000${secure}`,
    Location: next,
  });
  res.end();
}
