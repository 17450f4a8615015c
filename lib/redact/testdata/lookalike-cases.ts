// Ordinary developer text that resembles secrets (hashes, ids, encoded data, placeholders, code that handles
// credentials without containing one). The redactor must leave every one of these byte-for-byte unchanged.
import { ALNUM, HEX, base64, chars } from "./fake-secrets";

export interface LookalikeCase {
  name: string;
  text: string;
}

const sha1 = chars(HEX, 40);
const sha256 = chars(HEX, 64);
const traceId = chars(HEX, 32);
const spanId = chars(HEX, 16);
const uuid = [8, 4, 4, 4, 12].map((n) => chars(HEX, n)).join("-");
const sri = chars(ALNUM + "+/", 86) + "==";
const png = base64(String.fromCharCode(...Array.from({ length: 120 }, (_, i) => (i * 37) % 256)));
const l = (name: string, text: string): LookalikeCase => ({ name, text });

export const LOOKALIKE_CASES: LookalikeCase[] = [
  // Hashes and ids.
  l(
    "git log",
    `commit ${sha1}\nAuthor: Ada <ada@acme.io>\n\n    fix: rotate token handling in auth middleware`,
  ),
  l("git rev-parse", `$ git rev-parse HEAD\n${sha1}`),
  l("sha256sum", `${sha256}  dist/app.tar.gz`),
  l("docker digest", `docker pull node@sha256:${sha256}`),
  l("uuid request id", `{"request_id": "${uuid}", "status": 200}`),
  l("trace and span ids", `{"traceId":"${traceId}","spanId":"${spanId}","name":"tool.call"}`),
  l("traceparent", `traceparent: 00-${traceId}-${spanId}-01`),
  l("mongo object id", `{ _id: ObjectId("507f1f77bcf86cd799439011") }`),
  l("ulid", `created job 01ARZ3NDEKTSV4RRFFQ69G5FAV`),
  l("webpack chunk", `main.4f3c2a1b9d8e7f60.js  142 KiB  [emitted] [immutable]`),
  l("slack channel id", `posted to channel C024BE91L (ts 1718000000.123456)`),
  // Integrity and encoded data.
  l("npm integrity", `"node_modules/zod": {\n  "version": "3.23.8",\n  "integrity": "sha512-${sri}"\n}`),
  l(
    "yarn lock",
    `  resolved "https://registry.yarnpkg.com/ms/-/ms-2.1.3.tgz#${sha1}"\n  integrity sha512-${sri}`,
  ),
  l("pnpm lock", `  /ms@2.1.3:\n    resolution: {integrity: sha512-${sri}}`),
  l(
    "sri script",
    `<script src="/app.js" integrity="sha384-${chars(ALNUM, 64)}" crossorigin="anonymous"></script>`,
  ),
  l("go.sum", `golang.org/x/crypto v0.23.0 h1:${chars(ALNUM + "+/", 43)}=`),
  l("pip hash", `requests==2.32.3 --hash=sha256:${sha256}`),
  l("data uri", `background: url("data:image/png;base64,${png}");`),
  l("base64 json blob", `const state = "eyJwYWdlIjoyLCJzb3J0IjoiZGF0ZSJ9"; // {"page":2,"sort":"date"}`),
  l("base64 in test", `expect(encode("hello world")).toBe("aGVsbG8gd29ybGQ=");`),
  l("ssh public key", `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${chars(ALNUM, 43)} ada@laptop`),
  l(
    "public key pem",
    `-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE${chars(ALNUM, 64)}\n-----END PUBLIC KEY-----`,
  ),
  l(
    "certificate",
    `-----BEGIN CERTIFICATE-----\nMIIB${chars(ALNUM, 64)}\n${chars(ALNUM, 64)}\n-----END CERTIFICATE-----`,
  ),
  l(
    "minified js",
    `function(e,t){var n=e.token;return n?t.headers.Authorization="Bearer "+n:delete t.headers.Authorization,t}`,
  ),
  // Code that handles credentials.
  l("long identifier", `const ms = getUserSessionTokenExpiryMilliseconds(user);`),
  l("await token", `const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET });`),
  l(
    "ts interface",
    `interface Credentials {\n  username: string;\n  password: string;\n  apiKey?: string;\n  token: Token | null;\n}`,
  ),
  l("zod schema", `const Login = z.object({ email: z.string().email(), password: z.string().min(12) });`),
  l("bearer template", "fetch(url, { headers: { Authorization: `Bearer ${token}` } });"),
  l("bearer concat", `headers["Authorization"] = "Bearer " + accessToken;`),
  l("python getenv", `api_key = os.environ["OPENAI_API_KEY"]\npassword = getpass.getpass("Password: ")`),
  l("member access", `const apiKey = config.openai.apiKey;\nconst secret = settings.SECRET_KEY;`),
  l("process.env", `const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });`),
  l(
    "const names",
    `const PASSWORD_MIN_LENGTH = 12;\nconst TOKEN_KEY = "access_token";\nexport const SECRET_HEADER = "x-secret";`,
  ),
  l("go getenv", `token := os.Getenv("GITHUB_TOKEN")\nif token == "" {\n\treturn errMissingToken\n}`),
  l("pem parser", `if (pem.startsWith("-----BEGIN RSA PRIVATE KEY-----")) return parsePkcs1(pem);`),
  l("pem template", "const pem = `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`;"),
  l("jwt verify code", `const payload = jwt.verify(token, secret, { algorithms: ["HS256"] });`),
  l("pagination token", `{"items": [], "nextPageToken": "CiAKGjBpNDd2Nmp2Zml2cXRwNzNhb2V0ZGZuZXYSAggB"}`),
  l(
    "tokenizer config",
    `{"bos_token": "<s>", "eos_token": "</s>", "pad_token": "<pad>", "unk_token": "<unk>"}`,
  ),
  l("llm usage", `{"usage": {"input_tokens": 1523, "output_tokens": 284, "max_tokens": 4096}}`),
  l(
    "csrf token",
    `<input type="hidden" name="csrf_token" value="{{ csrf_token() }}">\ncsrfToken: "Jd8sK2mQ9vX1pL4r"`,
  ),
  l("boolean and null values", `{"secret": true, "token": null, "password": false, "requirePassword": true}`),
  l(
    "empty and null password",
    `password: ""\npassword = null\npassword = None\npassword_policy: strict\npassword_min_length: 12`,
  ),
  // Minified and generated code (found by running the redactor over node_modules).
  l("minified member chains", `e.CONNECTION_TOKEN_CHARS=e.HEADER_CHARS=e.TOKEN=e.STRICT_TOKEN=e.HEX=void 0;`),
  l("minified assignments", `this.withToken=g&&new f(u);this.assertToken=v&&new f(d)}`),
  l("exports chain", `exports2.TOKEN = exports2.STRICT_TOKEN = exports2.HEX = void 0;`),
  l("generated re-export", `exports.K8S_VOLUME_TYPE_VALUE_SECRET = K8S_VOLUME_TYPE_VALUE_SECRET;`),
  l("pretty-printed code", `        credentials: credentials2,\n        authToken: credentials2.authToken\n`),
  l("optional chain", `      pass: matchResult?.pass ?? false,`),
  l("ts type alias", `type OpeningParenToken = OpeningParenToken$1;\ngoogleCredentials: OAuth2Client`),
  l("sentinel strings", `lastSignificantToken = "?InterpolationInJSX";`),
  l("string concatenation", `throw new Error("Unexpected token: " + e.type + " (" + e.value + ")");`),
  l("header name constant", `X_AWS_EC2_METADATA_TOKEN = "x-aws-ec2-metadata-token";`),
  l("selector map", `const pseudos = { checkbox: "[type=checkbox]", password: "[type=password]" };`),
  l("arn", `arn:aws:secretsmanager:us-east-1:123456789012:secret:SecretName-6RandomCharacters`),
  l(
    "codecov badge",
    `[![codecov](https://codecov.io/gh/acme/api/graph/badge.svg?token=6B6NxtsZc3)](https://codecov.io)`,
  ),
  l("docs url example", `const myURL = new URL("https://abc:xyz@example.com");`),
  l("demo passwords", `const account = { username: "Alice", password: "s3cr3t" };\nconst pass = 'pa$$word';`),
  // Placeholders and references.
  l(
    "placeholders",
    `OPENAI_API_KEY=sk-...\nANTHROPIC_API_KEY=<your-api-key>\nSTRIPE_KEY=YOUR_API_KEY\nTOKEN=xxxxx`,
  ),
  l(
    "env references",
    `export OPENAI_API_KEY=\${OPENAI_API_KEY}\ncurl -H "Authorization: Bearer $TOKEN" https://api.acme.io`,
  ),
  l(
    "x placeholder token",
    `GITHUB_TOKEN=ghp_${"x".repeat(36)}\nexport AWS_ACCESS_KEY_ID=AKIA${"X".repeat(16)}`,
  ),
  l(
    "aws docs example",
    `aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`,
  ),
  l(
    "actions secret",
    "      - uses: actions/checkout@v4\n        with:\n          token: ${{ secrets.GITHUB_TOKEN }}",
  ),
  l(
    "env example file",
    `# .env.example\nOPENAI_API_KEY=\nDATABASE_URL=postgres://user:password@localhost:5432/app\nREDIS_PASSWORD=changeme`,
  ),
  l("masked output", `password: ********\ntoken: [hidden]\napi_key: ***REDACTED***`),
  l("stripe publishable", `const stripe = Stripe("pk_live_${chars(ALNUM, 24)}");`),
  // Prose and logs.
  l(
    "password prose",
    `If you forgot it, reset your password from the login page. Passwords must have 12 characters.`,
  ),
  l("bearer prose", `The API uses Bearer authentication; send the token in the Authorization header.`),
  l("basic prose", `Basic authentication is disabled. Basic usage: run the CLI with --help.`),
  l("token log", `[auth] Token refreshed successfully in 120ms (expires in 3600s)`),
  l("secret prose", `Secret: the trick is to cache the session. Token: see docs/auth.md for details.`),
  // Shell and URLs.
  l("git push -u", `git push -u origin feature/token-refresh`),
  l("docker user", `docker run --rm -u 1000:1000 -v "$PWD":/app -w /app node:20 npm test`),
  l("mkdir -p", `mkdir -p /tmp/build && cp -pr dist /tmp/build`),
  l("password stdin", `echo "$CR_PAT" | docker login ghcr.io -u ada --password-stdin`),
  l(
    "plain urls",
    `https://github.com/acme/api.git http://localhost:8080/api/v1 http://localhost:5173/@vite/client`,
  ),
  l(
    "urls without password",
    `postgres://app@localhost:5432/app redis://localhost:6379/0 git@github.com:acme/api.git`,
  ),
  l("pwd env", `PWD=/home/ada/src/api\nOLDPWD=/home/ada\nHOME=/home/ada`),
  l("file paths", `/home/ada/.ssh/id_rsa\n~/.aws/credentials\nC:\\Users\\ada\\AppData\\Roaming\\npm\\.npmrc`),
  l("kubectl secret", `kubectl get secret db-creds -o jsonpath='{.data.password}' | base64 -d`),
  l(
    "k8s secret ref",
    `env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db-creds\n        key: password`,
  ),
  l(
    "css colors",
    `:root { --primary: #3b82f6; --danger: #ef4444; }\n.btn { color: #1e293b; background: #ffffffcc; }`,
  ),
  l(
    "stack trace",
    `TypeError: Cannot read properties of undefined (reading 'token')\n    at verify (/app/src/auth/session.ts:42:17)`,
  ),
  l("sentry dsn", `Sentry.init({ dsn: "https://${chars(HEX, 32)}@o450000.ingest.sentry.io/5500000" });`),
  l("task and disk words", `task-runner disk-usage ask-sk-flag risk-scoring MT19937 NTSTATUS ODBC`),
];
