// Secrets recognisable only by what surrounds them: PEM blocks, credentials in URLs and HTTP auth headers,
// cloud keys named by their variable, and `password=`-style assignments. Vendor token shapes are token-rules.ts.
import { QUOTE, sticky, type Candidate, type Rule, type Verdict } from "./rule";
import {
  classifyKeyName,
  decodeBase64Text,
  isDemoPassword,
  isPlaceholder,
  keyBefore,
  lineBefore,
  looksLikeSecretValue,
  looksLikeToken,
} from "./value-checks";

// PEM private keys (PKCS#1/#8, EC, OpenSSH, encrypted, PGP armor). The body alphabet covers base64, armor headers
// (`Proc-Type: 4,ENCRYPTED`) and JSON-escaped newlines; a `-` may not start `-----`, so the body stops at the
// END line, or at the next BEGIN of a truncated block, in one linear pass. The END line is optional so a key
// cut off by `head` is still redacted; 64+ body characters keep header strings in parser code out.
const PEM_LABEL = "(?:[A-Z0-9]+ ){0,4}PRIVATE KEY(?: BLOCK)?-----";
const PEM = `-----BEGIN ${PEM_LABEL}(?:[A-Za-z0-9+/=\\s:,.\\\\_]|-(?!----)){64,}(?:-----END ${PEM_LABEL})?`;
const hasKeyBody = (c: Candidate): boolean => /[A-Za-z0-9+/]{40}/.test(c.secret);

/** `key SEP value` where the key is a configured name (aws_secret_access_key, SessionToken). */
const SEP = `(?:${QUOTE})?(?:[ \\t]*(?:=|:|=>)[ \\t]*|[ \\t]+)(?:${QUOTE})?`;
const ASSIGN_SEP = `(?:${QUOTE})?[ \\t]{0,8}(?:=|:=|:(?!:)|=>|\\?=)(?![=>~])[ \\t]{0,8}`;
/**
 * A quoted (groups 1-3) or bare (group 4) value. Bare values stop at delimiters of code and YAML, at `=`
 * except base64 padding (`a=b=c` chains are code), and at `&` only where the next query parameter starts
 * (`&page=2`), since passwords contain `&` too.
 */
const BARE = `[^\\s"'\`,;\\\\)}\\]&|=]`;
const VALUE =
  `(?:\\\\{0,2}"([^"\\\\\\r\\n]{1,300})\\\\{0,2}"|'([^'\\\\\\r\\n]{1,300})'|\`([^\`\\\\\\r\\n]{1,300})\`|` +
  `(${BARE}{1,300}(?:&(?![A-Za-z0-9_.-]{1,64}=)${BARE}{0,300})*={0,3}))`;

// prettier-ignore
const DB_SCHEMES = /^(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|cockroachdb|clickhouse|couchdb|neo4j(?:\+s)?|oracle|db2)$/i;

function urlPasswordKind(c: Candidate): Verdict {
  const scheme = /[A-Za-z][A-Za-z0-9+.-]{0,30}$/.exec(
    c.text.slice(Math.max(0, c.match.index - 32), c.match.index),
  );
  if (!scheme || !isRealPassword(c.secret)) return false;
  // RFC 2606 documentation hosts: `https://abc:xyz@example.com` is an API docs example.
  if (/^(?:[\w-]+\.)*example\.(?:com|org|net)\b/.test(c.text.slice(c.end + 1, c.end + 80))) return false;
  return DB_SCHEMES.test(scheme[0]) ? "db-connection-string" : true;
}

/** A password written next to a user name (URL, curl -u, mysql -p): short is allowed, stand-ins are not. */
function isRealPassword(value: string): boolean {
  return value.length >= 4 && !isPlaceholder(value) && !/^[$%]/.test(value) && !isDemoPassword(value);
}

/** Basic credentials are base64 of `user:password`; decoding tells them from the word "Basic" in prose. */
function isBasicCredential(c: Candidate): boolean {
  const decoded = decodeBase64Text(c.secret);
  return (
    decoded !== null && /^[^:]*:./.test(decoded) && isRealPassword(decoded.slice(decoded.indexOf(":") + 1))
  );
}

function quotedGroup(c: Candidate): boolean {
  return c.match[1] !== undefined || c.match[2] !== undefined || c.match[3] !== undefined;
}

/** `password=…`, `"apiKey": "…"`, `DB_PASS: …`; `Password=` after `;` is an ADO/JDBC connection string. */
function assignmentKind(c: Candidate): Verdict {
  const prefix = keyBefore(c.text, c.match.index);
  const rest = leadingKey(c.match[0]);
  const key = prefix + rest;
  const category = classifyKeyName(key);
  if (category === null) return false;
  const keyStart = c.match.index - prefix.length;
  const before = c.text.charAt(keyStart - 1);
  const quoted = quotedGroup(c);
  const sep = c.match[0].slice(rest.length);
  // `secret:SecretName` (ARNs, `a:b:c` chains) is not a mapping; YAML and JS put a space or a quote after `:`.
  if (!quoted && /^[ \t]*:[^ \t]/.test(sep)) return false;
  const param = /[?&;]/.test(before) && !prefix.includes(".");
  if (param && isBadgeUrl(lineBefore(c.text, keyStart - 1))) return false;
  const linePrefix = lineBefore(c.text, keyStart);
  const member = /^(?:this|self|exports\d*|module|window|globalThis)\./.test(prefix); // code, wherever it starts
  const config = param || (!member && /^\s*(?:export\s+|set\s+|-\s+)?$/i.test(linePrefix));
  const shellAssignment =
    /^[A-Z][A-Z0-9_]*$/.test(key) && sep.startsWith("=") && /(?:^|\s)$/.test(linePrefix);
  const literal = param || shellAssignment;
  if (!looksLikeSecretValue(c.secret, { quoted, config, literal, category })) return false;
  return category === "password" && before === ";" ? "db-connection-string" : true;
}

/** Badge images (codecov, openbase) carry public, read-only graph tokens in their query string. */
function isBadgeUrl(textBeforeParam: string): boolean {
  return /\.(?:svg|png|gif)(?:\?\S*)?$/.test(textBeforeParam.split(/[\s"'(]/).pop() ?? "");
}

/** The key characters a match starts with (it starts at the trigger word inside the key). */
function leadingKey(match: string): string {
  return /^[A-Za-z0-9_.-]*/.exec(match)?.[0] ?? "";
}

export const BLOCK_RULES: readonly Rule[] = [
  // A service-account JSON's private_key field: its PEM, JSON-escaped, is the secret (the rest is metadata).
  {
    kind: "gcp-service-account-key",
    triggers: ["private_key"],
    pattern: sticky(`private_key\\\\?"[ \\t]*:[ \\t]*\\\\?"(${PEM}(?:\\\\n)?)`),
    check: (c) => c.text.charAt(c.match.index - 1) === '"' && hasKeyBody(c),
  },
  { kind: "private-key", triggers: ["-----BEGIN"], pattern: sticky(PEM), check: hasKeyBody },
  // The same PEM base64-encoded once more (kubeconfig client-key-data, Kubernetes Secret data): base64 of
  // "-----BEGIN" is "LS0tLS1CRUdJTi".
  {
    kind: "private-key",
    triggers: ["LS0tLS1CRUdJTi"],
    pattern: sticky("LS0tLS1CRUdJTi[A-Za-z0-9+/]{60,}={0,2}(?![A-Za-z0-9+/=])"),
    check: (c) => decodeBase64Text(c.secret)?.includes("PRIVATE KEY") ?? false,
  },
];

export const CONTEXT_RULES: readonly Rule[] = [
  // AWS secret keys have no prefix: 40 base64 characters are only a secret under their AWS name.
  {
    kind: "aws-secret-key",
    triggers: ["secret"],
    caseless: true,
    pattern: sticky(`secret[_-]?(?:access[_-]?)?key${SEP}([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`, true),
    check: (c) =>
      /aws|^secretaccesskey$/.test(
        (keyBefore(c.text, c.match.index) + leadingKey(c.match[0])).toLowerCase().replace(/[^a-z]/g, ""),
      ) &&
      /[a-z]/.test(c.secret) &&
      /[A-Z]/.test(c.secret) &&
      !isPlaceholder(c.secret),
  },
  {
    kind: "aws-session-token",
    triggers: ["session"],
    caseless: true,
    pattern: sticky(`session[_-]?token${SEP}([A-Za-z0-9/+=]{100,})`, true),
    // STS tokens start with base64 of "\x21\n\torigin" or "…er/aws"; any other long session token is still a
    // credential, just not one we can name.
    check: (c) =>
      !isPlaceholder(c.secret) &&
      (/^(?:IQoJb3JpZ2lu|FwoGZXIvYXdz)/.test(c.secret) || /aws/i.test(keyBefore(c.text, c.match.index))
        ? true
        : "password-assignment"),
  },
  // Azure: storage/Service Bus connection-string keys, and AD client secrets (`xxx8Q~…`, gitleaks' rule).
  {
    kind: "azure-key",
    triggers: ["AccountKey=", "SharedAccessKey="],
    pattern: sticky("(?:AccountKey=([A-Za-z0-9+/]{86}==)|SharedAccessKey=([A-Za-z0-9+/]{42,44}=))"),
    check: (c) => !isPlaceholder(c.secret),
  },
  {
    kind: "azure-key",
    triggers: ["Q~"],
    lookback: 4,
    pattern: sticky("(?<![A-Za-z0-9_~.])[A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])"),
    check: (c) => !isPlaceholder(c.secret),
  },
  {
    kind: "npm-token",
    triggers: ["_authToken"],
    pattern: sticky(`_authToken[ \\t]*=[ \\t]*(?:${QUOTE})?([^\\s"'\\\\]{8,})`),
    check: (c) => looksLikeToken(c.secret) || /^[0-9a-f-]{36}$/.test(c.secret),
  },
  // scheme://user:password@host — only the password goes; `@` may occur in it, the last one ends it.
  {
    kind: "url-password",
    triggers: ["://"],
    pattern: sticky(`:\\/\\/[^\\s:/@?#"'<>[\\]\\\\]{0,128}:([^\\s/?"'<>\\\\]{1,256})@(?=[A-Za-z0-9[])`),
    check: urlPasswordKind,
  },
  // Authorization headers: only the credential is replaced, `Bearer ` / `Basic ` stay for readability.
  {
    kind: "bearer-token",
    triggers: ["bearer"],
    caseless: true,
    pattern: sticky(
      "(?<![A-Za-z0-9_])bearer[ \\t]+([A-Za-z0-9_~+/-]+(?:\\.[A-Za-z0-9_~+/-]+)*=*)(?![A-Za-z0-9_~+/=-])",
      true,
    ),
    check: (c) => looksLikeToken(c.secret),
  },
  // Other schemes seen in Authorization headers: GitHub's `token`, Discord's `Bot`, `ApiKey`.
  {
    kind: "bearer-token",
    triggers: ["authorization"],
    caseless: true,
    pattern: sticky(
      `authorization(?:${QUOTE})?[ \\t]*[:=][ \\t]*(?:${QUOTE})?(?:token|bot|api-?key)[ \\t]+([A-Za-z0-9_~+/.-]{8,}=*)`,
      true,
    ),
    check: (c) => looksLikeToken(c.secret),
  },
  {
    kind: "basic-auth",
    triggers: ["basic"],
    caseless: true,
    pattern: sticky("(?<![A-Za-z0-9_])basic[ \\t]+([A-Za-z0-9+/]{6,}={0,2})(?![A-Za-z0-9+/=])", true),
    check: isBasicCredential,
  },
  // ~/.docker/config.json: "auth" is base64 of user:password.
  {
    kind: "basic-auth",
    triggers: ['"auth"', '"auth\\'],
    pattern: sticky(`"auth\\\\?"[ \\t]*:[ \\t]*\\\\?"([A-Za-z0-9+/]{6,}={0,2})\\\\?"`),
    check: isBasicCredential,
  },
  // curl -u user:password (gitleaks' curl-auth-user), on a curl command line only.
  {
    kind: "basic-auth",
    triggers: ["-u", "--user"],
    pattern: sticky(
      `(?<=\\s)(?:-u|--user)(?:[ \\t]+|=)(?:"[^"\\s:]{0,64}:([^"\\s]{1,128})"|'[^'\\s:]{0,64}:([^'\\s]{1,128})'|[^\\s:'"]{1,64}:([^\\s'"]{1,128}))`,
    ),
    check: (c) => /\bcurl\b/.test(lineBefore(c.text, c.match.index)) && isRealPassword(c.secret),
  },
  // mysql -pSECRET (attached), docker/podman/helm login -p SECRET (separate).
  {
    kind: "password-assignment",
    triggers: ["-p"],
    pattern: sticky(
      `(?<=\\s)-p(?:[ \\t]+)?(?:'([^'\\s]{3,128})'|"([^"\\s]{3,128})"|([^\\s'"-][^\\s'"]{2,127}))`,
    ),
    check: (c) => {
      const line = lineBefore(c.text, c.match.index);
      const context = /^-p[ \t]/.test(c.match[0])
        ? /\b(?:docker|podman|nerdctl|helm|buildah|skopeo|oras)\b.*\blogin\b/.test(line)
        : /\b(?:mysql|mysqldump|mysqladmin|mariadb)\b/.test(line);
      return context && isRealPassword(c.secret);
    },
  },
  // .netrc: `machine host login user password secret`.
  {
    kind: "password-assignment",
    triggers: ["password"],
    caseless: true,
    pattern: sticky("password[ \\t]+([^\\s\"'`]{4,256})", true),
    check: (c) =>
      /\bmachine\s+\S+[\s\S]*\blogin\s+\S+\s+$/.test(
        c.text.slice(Math.max(0, c.match.index - 200), c.match.index),
      ) && isRealPassword(c.secret),
  },
  // CLI flags: --password hunter2, --api-key=…, --client-secret "…".
  {
    kind: "password-assignment",
    triggers: ["--"],
    pattern: sticky(
      "(?<![\\w-])--(?:[a-z0-9-]{0,30}?(?:password|passwd|token|secret|api-?key|access-key|secret-key))(?:=|[ \\t]+)" +
        `(?:"([^"\\s]{1,300})"|'([^'\\s]{1,300})'|([^\\s"'\\\\-][^\\s"'\\\\]{0,299}))`,
      true,
    ),
    check: (c) => {
      const category = classifyKeyName(/^--[A-Za-z0-9-]+/.exec(c.match[0])?.[0] ?? "");
      const ctx = { quoted: quotedGroup(c), config: true, literal: false };
      return category !== null && looksLikeSecretValue(c.secret, { ...ctx, category });
    },
  },
  // The generic case, after every specific rule: a secret-named key assigned a secret-looking value.
  {
    kind: "password-assignment",
    triggers: ["pass", "pwd", "secret", "token", "key", "credential"],
    caseless: true,
    pattern: sticky(`[A-Za-z0-9_.-]{0,40}${ASSIGN_SEP}${VALUE}`),
    check: assignmentKind,
  },
];
