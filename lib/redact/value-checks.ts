// Judgements on a candidate value the rule regexes can't make: placeholder or real, code or literal, which keys
// name a secret. Pure string functions over bounded slices, so every check costs O(length of the value).

/** Obvious stand-ins that docs, examples and templates put where a secret goes. */
const PLACEHOLDER_RE =
  /x{4}|\*{3}|•{3}|\.\.\.|…|[<>]|\$\{|\{\{|\$\(|your[_-]?|example|placeholder|dummy|change[_-]?me|redacted|replace[_-]?me|insert[_-]/i;

export function isPlaceholder(value: string): boolean {
  if (PLACEHOLDER_RE.test(value)) return true;
  // One or two distinct characters (`0000…`, `abab…`) is a filler, not a key.
  return new Set(value).size < 3;
}

/** Values that are types, booleans or words in schemas and docs (`password: string`, `"secret": "hidden"`). */
const WORD_VALUES = new Set(
  (
    "null none nil undefined true false yes no on off string str number int integer bool boolean bytes text " +
    "object any required optional hidden secret secrets password passwd token tokens empty default unset tbd " +
    "todo test testing demo sample masked private public auto env"
  ).split(" "),
);

export type KeyCategory = "password" | "secret" | "env-key";

export interface ValueContext {
  /** The value was written between quotes: a literal, not a code expression. */
  quoted: boolean;
  /**
   * An unquoted value sits where configs put literals: a key at the start of its line (.env, YAML, INI,
   * properties), a query or connection-string parameter, a CLI flag. Anywhere else (minified JS,
   * `obj.token = next`) bare text is code, and only a random-looking value counts.
   */
  config: boolean;
  /**
   * Certainly a literal even when bare: a query or connection-string parameter, or `NAME=value` with an
   * UPPER_SNAKE name and no spaces (shell, .env), where `hunter2` is a password rather than an identifier.
   */
  literal: boolean;
  category: KeyCategory;
}

/**
 * Whether the value of a secret-named key is a real-looking secret. Errs towards keeping text: it is the last
 * line of defence after the vendor formats, and a false hit on ordinary code makes exports useless.
 */
export function looksLikeSecretValue(value: string, ctx: ValueContext): boolean {
  if (value.length < 6 || value.length > 300) return false;
  if (isPlaceholder(value) || WORD_VALUES.has(value.toLowerCase()) || isDemoPassword(value)) return false;
  if (/^[$%]/.test(value)) return false; // $VAR, ${VAR}, %VAR%: a reference, not the value
  if (/^(?:\/|~\/|\.\.?\/|[A-Za-z]:\\)/.test(value)) return false; // a path (PWD=/home/me, key files)
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return false; // a URL: its password is url-password's business
  if (/\s/.test(value) && isProse(value)) return false;
  if (/&&|\|\||\?\?/.test(value)) return false; // an expression: `g&&new f(u)`, `a ?? b`
  if (!ctx.quoted) {
    if (!ctx.config && !ctx.literal) return isRandomToken(value);
    // Even in configs, bare text can be a reference: calls, generics, YAML tags/anchors/aliases, optional
    // chains, identifiers and member chains (`credentials2`, `config.apiKey`, `my-db-secret`).
    if (/[()[\]{}<>]|\?\./.test(value) || /^[!&*@]/.test(value)) return false;
    if (!ctx.literal && isIdentifierLike(value)) return false;
    if (/^[A-Za-z_.-]+$/.test(value)) return false;
  } else if (/^\s*[+,()[\]]|[+,(]\s*$/.test(value)) {
    return false; // the "value" is code between two string literals: `"token: " + e.type + " ("`
  } else if (isIdentifierLike(value) && (!/\d/.test(value) || /^[^A-Z]+(?:[._-][^A-Z]+){2,}$/.test(value))) {
    return false; // a header or storage-key name: "x-aws-ec2-metadata-token", "access_token"
  }
  const core = value.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "");
  if (/^[A-Za-z]+$/.test(core) && (core.length < 16 || isWordy(core))) return false; // "Passwort", "?InJSX"
  if (/^\d+$/.test(value)) return ctx.category === "password"; // a PIN or numeric password, not a count
  if (/^[\d.,:/_+-]+$/.test(value)) return false; // dates, versions, times, ranges
  if (ctx.category === "env-key") return value.length >= 16 && /\d/.test(value) && entropy(value) >= 3;
  return true;
}

// Passwords every tutorial uses (`s3cr3t`, `pa$$word`, `P@ssw0rd`), compared after undoing leetspeak.
const DEMO_PASSWORDS = new Set(
  "password secret letmein changeme admin administrator qwerty root toor guest welcome hunter".split(" "),
);
// Leetspeak digits and symbols, position by position: 0→o, 1→i, 3→e, 4→a, 5→s, 7→t, $→s, @→a.
const LEET_FROM = "013457$@";
const LEET_TO = "oieastsa";

export function isDemoPassword(value: string): boolean {
  const lower = value.toLowerCase();
  return (
    DEMO_PASSWORDS.has(lower.replace(/[013457$@]/g, (ch) => LEET_TO.charAt(LEET_FROM.indexOf(ch)))) ||
    /^(?:pass|pwd|key|test|demo|foo|bar|baz|token|secret|password)[_-]?\d*$/.test(lower) ||
    /^1234/.test(value)
  );
}

/**
 * A credential-looking run even where it is not a literal: token alphabet, letters and digits, not a name.
 * Entropy only drops fillers: 16 random alphanumerics measured ≥ 3.1 bits/char and 32 hex ≥ 3.2 (min of 200
 * samples each), while camelCase names reach 4.0, so names are told apart by isIdentifierLike instead.
 */
function isRandomToken(value: string): boolean {
  return (
    value.length >= 16 &&
    /^[A-Za-z0-9+/_.-]+={0,3}$/.test(value) &&
    /\d/.test(value) &&
    /[A-Za-z]/.test(value) &&
    !isIdentifierLike(value) &&
    entropy(value) >= 3
  );
}

/** Names joined by `.`, `_`, `-` (`exports2.STRICT_TOKEN`, `OAuth2Client`, `K8S_VOLUME`): code, or a slug. */
function isIdentifierLike(value: string): boolean {
  return value.split(/[._-]/).every(isNamePart);
}

/** A word, acronym or camelCase run with at most two digits; random runs mix case in short humps. */
function isNamePart(part: string): boolean {
  if (/^\d{1,4}$/.test(part)) return true;
  if (!/^[A-Za-z0-9$]+$/.test(part) || (part.match(/\d/g)?.length ?? 0) > 2) return false;
  const letters = part.replace(/[\d$]/g, "");
  if (letters.length <= 3 || !/[a-z]/.test(letters) || !/[A-Z]/.test(letters)) return true;
  return letters.length / (letters.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g)?.length ?? 1) >= 3;
}

/** Two or more plain words of three letters or more: a sentence or label, not a passphrase we can tell apart. */
function isProse(value: string): boolean {
  let words = 0;
  for (const word of value.split(/\s+/)) if (/^['"`(]?[A-Za-z]{3,}['"`)]?[.,!?:;]?$/.test(word)) words++;
  return words >= 2;
}

/** camelCase or English-looking letters (`accessTokenFromStorage`, `InterpolationInJSX`), not random ones. */
function isWordy(value: string): boolean {
  const humps = value.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g) ?? [];
  if (humps.length === 0 || value.length / humps.length < 3.5) return false;
  const vowels = value.match(/[aeiouy]/gi)?.length ?? 0;
  return vowels / value.length >= 0.25;
}

/** Looks like an opaque credential (after `Bearer`, in a URL, as a flag value) rather than a word or a name. */
export function looksLikeToken(value: string): boolean {
  if (value.length < 8 || isPlaceholder(value)) return false;
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value)) return false; // YOUR_API_KEY, GITHUB_TOKEN
  if (/\d/.test(value) && /[A-Za-z]/.test(value)) return true;
  return value.length >= 24 && entropy(value) >= 3.5; // letters-only tokens: long and far from a word
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

// Key names whose value is a secret, compared with case and separators removed (`DB_PASSWORD` → `dbpassword`).
// prettier-ignore
const SECRET_SUFFIXES = [
  "password", "passwd", "passphrase", "pwd", "passwordconfirmation", "secret", "secretkeybase", "token",
  "apikey", "accesskey", "secretkey", "privatekey", "masterkey", "signingkey", "encryptionkey", "licensekey",
  "subscriptionkey", "credential", "credentials",
];
const PASSWORD_SUFFIXES = ["password", "passwd", "passphrase", "pwd", "pass", "passwordconfirmation"];
// Keys ending like a secret that name something public: pagination cursors, CSRF tokens, tokenizer vocab
// (`"eos_token": "</s>"`), boolean flags (`hasPassword`), and LLM usage counters (`max_tokens` has an `s`).
// prettier-ignore
const NOT_SECRET_SUFFIXES = [
  "pagetoken", "nexttoken", "prevtoken", "previoustoken", "continuationtoken", "cursortoken", "synctoken",
  "resumetoken", "csrftoken", "xsrftoken", "canceltoken", "cancellationtoken", "eostoken", "bostoken",
  "padtoken", "unktoken", "septoken", "clstoken", "masktoken", "starttoken", "endtoken", "stoptoken",
  "lasttoken", "firsttoken", "idempotencytoken", "haspassword", "showpassword", "forgotpassword",
  "requirepassword", "issecret", "hassecret", "publickey",
];

/** What kind of secret a key names, from the raw key text (`dbPassword`, `SMTP_PASS`, `--api-key`). */
export function classifyKeyName(rawKey: string): KeyCategory | null {
  const key = rawKey.toLowerCase().replace(/[^a-z0-9]/g, "");
  if (key.length === 0 || NOT_SECRET_SUFFIXES.some((s) => key.endsWith(s))) return null;
  // `pass` alone must be its own word: SMTP_PASS, dbPass, pass — not bypass or compass.
  const raw = rawKey.replace(/^-+/, "");
  if (key.endsWith("pass") && !/^pass$|[_.-]pass$/i.test(raw) && !/[a-z0-9]Pass$/.test(raw)) return null;
  if (PASSWORD_SUFFIXES.some((s) => key.endsWith(s))) return "password";
  if (SECRET_SUFFIXES.some((s) => key.endsWith(s))) return "secret";
  // Any other UPPER_SNAKE `*_KEY` (STRIPE_KEY, SENTRY_KEY) only with a strong value: PRIMARY_KEY=id stays.
  if (/^[A-Z0-9_]*_KEY$/.test(rawKey)) return "env-key";
  return null;
}

const KEY_CHAR = /[A-Za-z0-9_.-]/;

/** The key characters just before `pos` (at most 64), so a rule matching at `password` sees `DB_` too. */
export function keyBefore(text: string, pos: number): string {
  let start = pos;
  while (start > 0 && pos - start < 64 && KEY_CHAR.test(text.charAt(start - 1))) {
    if (text.charAt(start - 2) === "\\" && /[nrt]/.test(text.charAt(start - 1))) break; // JSON-escaped \n
    start--;
  }
  return text.slice(start, pos);
}

/**
 * The text from the start of the line to `pos`, at most `max` characters back (bounded on one-line blobs).
 * A JSON-escaped newline (`\n` inside a tool output string) starts a line too.
 */
export function lineBefore(text: string, pos: number, max = 300): string {
  const window = text.slice(Math.max(0, pos - max), pos);
  const escaped = Math.max(window.lastIndexOf("\\n"), window.lastIndexOf("\\r"));
  return window.slice(Math.max(window.lastIndexOf("\n") + 1, escaped < 0 ? 0 : escaped + 2));
}

/** Decodes base64 or base64url; null unless the result is printable text (what credentials encode). */
export function decodeBase64Text(value: string): string | null {
  const decoded = Buffer.from(value, value.includes("-") || value.includes("_") ? "base64url" : "base64");
  const text = decoded.toString("utf8");
  // eslint-disable-next-line no-control-regex -- control characters are exactly what marks binary data
  return /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text) ? null : text;
}
