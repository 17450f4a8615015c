// Secrets known by their surroundings: private keys, passwords in URLs, connection strings, CLI flags and
// `password=`-style assignments across config formats. Every secret is synthetic, from fake-secrets.ts.
import { FAKE as F, base64, pem } from "./fake-secrets";
import { secretCase as c, type SecretCase } from "./secret-case";

const sshKey = pem("OPENSSH PRIVATE KEY");
const rsaKey = pem("RSA PRIVATE KEY", 8);
const ecKey = pem("EC PRIVATE KEY", 3);
const pgpKey = pem("PGP PRIVATE KEY BLOCK", 10);
const pkcs8 = pem("PRIVATE KEY", 10);
const clientKeyData = base64(pem("RSA PRIVATE KEY", 4));

export const CONTEXT_SECRET_CASES: SecretCase[] = [
  // Private keys.
  c("cat id_ed25519", ["private-key"], [sshKey.split("\n")[1]!], `$ cat ~/.ssh/id_ed25519\n${sshKey}\n$ `),
  c(
    "rsa in js test",
    ["private-key"],
    [rsaKey.split("\n")[2]!],
    `const key = \`${rsaKey}\`;\nsign(payload, key);`,
  ),
  c(
    "ec key in k8s yaml",
    ["private-key"],
    [ecKey.split("\n")[1]!],
    `stringData:\n  tls.key: |\n    ${ecKey.split("\n").join("\n    ")}\n  tls.crt: |`,
  ),
  c(
    "pgp key block",
    ["private-key"],
    [pgpKey.split("\n")[3]!],
    `gpg --export-secret-keys --armor ada\n${pgpKey}`,
  ),
  c(
    "truncated key",
    ["private-key"],
    [pkcs8.split("\n")[3]!],
    `$ head -5 key.pem\n${pkcs8.split("\n").slice(0, 5).join("\n")}`,
  ),
  c(
    "gcp service account",
    ["gcp-service-account-key"],
    [pkcs8.split("\n")[1]!],
    `{"type": "service_account", "project_id": "acme-prod", "private_key_id": "3f2c9a", ` +
      `"private_key": "${pkcs8.replace(/\n/g, "\\n")}\\n", "client_email": "ci@acme-prod.iam.gserviceaccount.com"}`,
  ),
  c(
    "kubeconfig",
    ["private-key", "jwt"],
    [clientKeyData, F.serviceAccountJwt],
    `users:\n- name: admin\n  user:\n    client-key-data: ${clientKeyData}\n- name: ci\n  user:\n    token: ${F.serviceAccountJwt}`,
  ),
  // Passwords in URLs and connection strings.
  c(
    "url password",
    ["url-password"],
    ["Pa55w0rd!"],
    `Fetching https://deploy:Pa55w0rd!@artifacts.acme.io/releases/app.tgz`,
  ),
  c(
    "pip index url",
    ["url-password"],
    [F.password],
    `pip install --index-url https://ada:${F.password}@pypi.acme.io/simple acme-lib`,
  ),
  c(
    "mongodb srv",
    ["db-connection-string"],
    [F.password],
    `mongoose.connect("mongodb+srv://api:${F.password}@cluster0.ab1cd.mongodb.net/prod?retryWrites=true")`,
  ),
  c(
    "redis no user",
    ["db-connection-string"],
    ["s3cr3t-Redis"],
    `REDIS_URL=redis://:s3cr3t-Redis@cache:6379/0`,
  ),
  c(
    "stack trace dsn",
    ["db-connection-string"],
    [F.password],
    `Error: getaddrinfo ENOTFOUND db\n    at connect (postgresql://svc:${F.password}@db:5432/app)\n    at Pool.query (/app/node_modules/pg/lib/pool.js:45:11)`,
  ),
  c(
    "ado connection string",
    ["db-connection-string"],
    [F.shortPassword],
    `"DefaultConnection": "Server=tcp:sql.acme.io,1433;Database=app;User ID=sa;Password=${F.shortPassword};Encrypt=True;"`,
  ),
  // Password-style assignments.
  c(
    "mysql -p",
    ["password-assignment"],
    ["S3cr3t!Pw"],
    `mysql -h 127.0.0.1 -u root -pS3cr3t!Pw app_db < dump.sql`,
  ),
  c(
    "yaml password",
    ["password-assignment"],
    [F.shortPassword],
    `database:\n  host: db\n  password: "${F.shortPassword}"\n  pool: 5`,
  ),
  c(
    "django secret key",
    ["password-assignment"],
    ["django-insecure-7h#k2"],
    `SECRET_KEY = 'django-insecure-7h#k2$x9m!q@v8z&w3e*r5t^y1u0i'`,
  ),
  c(
    "oauth client secret",
    ["password-assignment"],
    ["9f8e7d6c5b4a3210fedcba9876543210"],
    `{"client_id": "web-app", "client_secret": "9f8e7d6c5b4a3210fedcba9876543210"}`,
  ),
  c(
    "cli flag",
    ["password-assignment"],
    [F.password],
    `./bin/migrate --db-host db --db-password ${F.password} --yes`,
  ),
  c(
    "query string token",
    ["password-assignment"],
    ["a81bc81b-dead-4e5d-abff-90865d1e13b1"],
    `GET /export?format=csv&access_token=a81bc81b-dead-4e5d-abff-90865d1e13b1&page=2`,
  ),
  c(
    "escaped json password",
    ["password-assignment"],
    ["hunter2x"],
    `{"arguments":"{\\"user\\":\\"ada\\",\\"password\\":\\"hunter2x\\"}"}`,
  ),
  c(
    "terraform",
    ["password-assignment"],
    ["Adm1n!2024"],
    `resource "aws_db_instance" "db" {\n  username = "admin"\n  password = "Adm1n!2024"\n}`,
  ),
  c(
    "k8s secret stringData",
    ["password-assignment"],
    [F.password],
    `kind: Secret\nstringData:\n  DB_PASSWORD: "${F.password}"`,
  ),
  c(
    "spring properties",
    ["password-assignment"],
    ["q9W!e8R#"],
    `spring.datasource.url=jdbc:postgresql://db/app\nspring.datasource.password=q9W!e8R#`,
  ),
  c(
    "jdbc query password",
    ["password-assignment"],
    ["Xy12-secret"],
    `jdbc:postgresql://db:5432/app?user=app&password=Xy12-secret&ssl=true`,
  ),
  c(
    "php array",
    ["password-assignment"],
    ["p4ssw0rd!"],
    `'mysql' => ['username' => 'forge', 'password' => 'p4ssw0rd!'],`,
  ),
  c(
    "go struct",
    ["password-assignment"],
    ["r3dis-Pa55"],
    `opts := &redis.Options{Addr: "cache:6379", Password: "r3dis-Pa55", DB: 0}`,
  ),
  c(
    "camelCase key",
    ["password-assignment"],
    ["Zx9-Qw8-Er7"],
    `const config = { dbPassword: 'Zx9-Qw8-Er7', dbUser: 'app' };`,
  ),
  c("smtp pass", ["password-assignment"], ["mailPw-2024"], `SMTP_USER=alerts@acme.io\nSMTP_PASS=mailPw-2024`),
  c(
    "sentry env key",
    ["password-assignment"],
    ["f3a9c81d27b64e0f9a5c3d2e1b0a7f6c"],
    `SENTRY_KEY=f3a9c81d27b64e0f9a5c3d2e1b0a7f6c`,
  ),
  c(
    "escaped .env in tool output",
    ["password-assignment"],
    ["hunter2x"],
    `{"tool":"read_file","output":"API_HOST=api.acme.io\\nDB_PASSWORD=hunter2x\\nDEBUG=1\\n"}`,
  ),
  c(
    "shell env prefix",
    ["password-assignment"],
    ["hunter2x"],
    `$ PGPASSWORD=hunter2x psql -h db -U app -c 'select 1'`,
  ),
];
