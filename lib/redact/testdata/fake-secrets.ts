// Synthetic credentials shaped exactly like real ones (prefix, alphabet, length), generated at runtime from a
// seeded PRNG so the repository holds no literal a secret scanner would flag. None of them was ever issued.

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
export const ALNUM = UPPER + LOWER + DIGITS;
export const HEX = "0123456789abcdef";
const B64 = ALNUM + "+/";
const B64URL = ALNUM + "-_";

/** mulberry32: tiny, seedable, good enough to make strings with the entropy of real keys. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = prng(20240611);
export function chars(alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
  return out;
}

const b64url = (s: string): string => Buffer.from(s).toString("base64url");
const pemLines = (n: number): string => Array.from({ length: n }, () => chars(B64, 64)).join("\n");

/** A PEM block; `begin`/`end` are assembled so the header literal never appears in source. */
export function pem(label: string, lines = 6): string {
  const dashes = "-".repeat(5);
  return `${dashes}BEGIN ${label}${dashes}\n${pemLines(lines)}\n${chars(B64, 24)}==\n${dashes}END ${label}${dashes}`;
}

export function jwt(payload: object = { sub: "1234567890", name: "Ada", iat: 1716239022 }): string {
  return `${b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${b64url(JSON.stringify(payload))}.${chars(B64URL, 43)}`;
}

export const FAKE = {
  openaiProject: "sk-" + "proj-" + chars(B64URL, 74) + "T3Blbk" + "FJ" + chars(B64URL, 74),
  openaiLegacy: "sk-" + chars(ALNUM, 48),
  anthropic: "sk-" + "ant-api03-" + chars(B64URL, 93) + "AA",
  anthropicOauth: "sk-" + "ant-oat01-" + chars(B64URL, 80),
  openrouter: "sk-" + "or-v1-" + chars(HEX, 64),
  groq: "gsk" + "_" + chars(ALNUM, 52),
  xai: "xai" + "-" + chars(ALNUM, 80),
  perplexity: "pplx" + "-" + chars(ALNUM, 48),
  githubPat: "ghp" + "_" + chars(ALNUM, 36),
  githubApp: "ghs" + "_" + chars(ALNUM, 36),
  githubOauth: "gho" + "_" + chars(ALNUM, 36),
  githubFineGrained: "github" + "_pat_" + chars(ALNUM, 22) + "_" + chars(ALNUM, 59),
  gitlabPat: "glpat" + "-" + chars(B64URL.replace("-", ""), 20),
  gitlabRunner: "glrt" + "-" + chars(ALNUM, 20),
  slackBot: "xoxb" + "-" + chars(DIGITS, 12) + "-" + chars(DIGITS, 13) + "-" + chars(ALNUM, 24),
  slackUser:
    "xoxp" +
    "-" +
    chars(DIGITS, 12) +
    "-" +
    chars(DIGITS, 12) +
    "-" +
    chars(DIGITS, 13) +
    "-" +
    chars(HEX, 32),
  slackWebhookPath:
    "services/T" + chars(UPPER + DIGITS, 8) + "/B" + chars(UPPER + DIGITS, 10) + "/" + chars(ALNUM, 24),
  stripeLive: "sk" + "_live_" + chars(ALNUM, 99),
  stripeRestricted: "rk" + "_live_" + chars(ALNUM, 99),
  stripeWebhook: "whsec" + "_" + chars(ALNUM, 32),
  googleApi: "AI" + "za" + "Sy" + chars(B64URL, 33),
  googleOauthSecret: "GOCSPX" + "-" + chars(B64URL, 28),
  googleAccess: "ya29" + "." + chars(B64URL, 120),
  awsAccessKey: "AK" + "IA" + chars(UPPER + "234567", 16),
  awsTempKey: "AS" + "IA" + chars(UPPER + "234567", 16),
  awsSecret: chars(ALNUM + "/+", 40),
  awsSessionToken: "IQoJb3JpZ2luX2Vj" + chars(B64, 300) + "==",
  npm: "npm" + "_" + chars(ALNUM, 36),
  npmLegacyUuid: [8, 4, 4, 4, 12].map((n) => chars(HEX, n)).join("-"),
  huggingface: "hf" + "_" + chars(UPPER + LOWER, 34),
  pypi: "pypi-AgEIcHlwaS5vcmc" + chars(B64URL, 150),
  digitalocean: "dop" + "_v1_" + chars(HEX, 64),
  shopify: "shpat" + "_" + chars(HEX, 32),
  vault: "hvs" + "." + chars(B64URL, 90),
  sendgrid: "SG" + "." + chars(B64URL, 22) + "." + chars(B64URL, 43),
  twilioKey: "SK" + chars(HEX, 32),
  twilioAuthToken: chars(HEX, 32),
  discordBot: b64url("1123456789012345678") + "." + chars(B64URL, 6) + "." + chars(B64URL, 38),
  discordWebhook: chars(B64URL, 68),
  azureAccountKey: chars(B64, 86) + "==",
  azureClientSecret: chars(ALNUM, 3) + "8Q~" + chars(ALNUM + "_~.-", 34),
  jwt: jwt(),
  serviceAccountJwt: jwt({ iss: "kubernetes/serviceaccount", sub: "system:serviceaccount:ci:deployer" }),
  bearerOpaque: chars(ALNUM, 40),
  password: chars(ALNUM, 10) + "!7",
  shortPassword: "Tr0ub4dor&3",
  privateKeyBody: pemLines(4),
} as const;

export function basicAuth(user: string, password: string): string {
  return Buffer.from(`${user}:${password}`).toString("base64");
}

export function base64(s: string): string {
  return Buffer.from(s).toString("base64");
}
