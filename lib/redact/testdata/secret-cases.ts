// Secrets in the places coding agents meet them (shell, .env, curl, configs, tool output, remotes), each with
// the kinds the redactor must report. Every secret is synthetic, from fake-secrets.ts.
import { FAKE as F, base64, basicAuth, pem } from "./fake-secrets";

export interface SecretCase {
  name: string;
  text: string;
  /** Substrings that must be gone from the output. */
  secrets: string[];
  /** Expected kinds, one entry per secret redacted. */
  kinds: string[];
}

const sshKey = pem("OPENSSH PRIVATE KEY");
const rsaKey = pem("RSA PRIVATE KEY", 8);
const ecKey = pem("EC PRIVATE KEY", 3);
const pgpKey = pem("PGP PRIVATE KEY BLOCK", 10);
const pkcs8 = pem("PRIVATE KEY", 10);
const clientKeyData = base64(pem("RSA PRIVATE KEY", 4));
const dockerAuth = basicAuth("ci-bot", F.password);
const headerAuth = basicAuth("deploy", "Zq8#vL2p");

const c = (name: string, kinds: string[], secrets: string[], text: string): SecretCase => ({
  name,
  text,
  secrets,
  kinds,
});

export const SECRET_CASES: SecretCase[] = [
  // LLM provider keys: what coding-agent telemetry leaks most.
  c("shell export openai", ["openai-key"], [F.openaiProject], `$ export OPENAI_API_KEY=${F.openaiProject}\n$ python agent.py`),
  c("python legacy openai", ["openai-key"], [F.openaiLegacy], `import openai\nopenai.api_key = "${F.openaiLegacy}"\n`),
  c("curl anthropic header", ["anthropic-key"], [F.anthropic],
    `curl https://api.anthropic.com/v1/messages -H "x-api-key: ${F.anthropic}" -H "anthropic-version: 2023-06-01"`),
  c("claude credentials json", ["anthropic-key"], [F.anthropicOauth],
    `{"claudeAiOauth":{"accessToken":"${F.anthropicOauth}","expiresAt":1748658860401,"scopes":["user:inference"]}}`),
  c("openrouter env", ["openrouter-key"], [F.openrouter], `OPENROUTER_API_KEY=${F.openrouter}`),
  c("groq in code", ["groq-key"], [F.groq], `const groq = new Groq({ apiKey: "${F.groq}" });`),
  c("xai env", ["xai-key"], [F.xai], `XAI_API_KEY="${F.xai}"`),
  c("perplexity curl", ["perplexity-key"], [F.perplexity],
    `curl -s https://api.perplexity.ai/chat/completions -H 'authorization: Bearer ${F.perplexity}'`),
  c("gemini env", ["google-api-key"], [F.googleApi], `GEMINI_API_KEY=${F.googleApi} gemini -p "summarize"`),
  c("dotenv file", ["openai-key", "anthropic-key", "db-connection-string", "stripe-key"],
    [F.openaiProject, F.anthropic, F.password, F.stripeLive],
    `# .env\nOPENAI_API_KEY=${F.openaiProject}\nANTHROPIC_API_KEY=${F.anthropic}\n` +
      `DATABASE_URL=postgres://app:${F.password}@db.internal:5432/app\nSTRIPE_SECRET_KEY=${F.stripeLive}\nPORT=3000\n`),
  // Source hosting.
  c("git remote -v", ["github-token", "github-token"], [F.githubPat],
    `origin\thttps://${F.githubPat}@github.com/acme/api.git (fetch)\norigin\thttps://${F.githubPat}@github.com/acme/api.git (push)`),
  c("clone with app token", ["github-token"], [F.githubApp],
    `git clone https://x-access-token:${F.githubApp}@github.com/acme/infra.git /tmp/infra`),
  c("gh hosts.yml", ["github-token"], [F.githubOauth], `github.com:\n    user: ada\n    oauth_token: ${F.githubOauth}\n    git_protocol: https`),
  c("fine-grained pat env", ["github-token"], [F.githubFineGrained], `GITHUB_PAT=${F.githubFineGrained}`),
  c("docker login ghcr", ["github-token"], [F.githubPat], `docker login ghcr.io -u ada -p ${F.githubPat}`),
  c("gitlab clone", ["gitlab-token"], [F.gitlabPat], `git clone https://oauth2:${F.gitlabPat}@gitlab.com/acme/web.git`),
  c("gitlab runner register", ["gitlab-token"], [F.gitlabRunner],
    `gitlab-runner register --url https://gitlab.com --token ${F.gitlabRunner} --executor docker`),
  c("netrc", ["github-token", "password-assignment"], [F.githubPat, F.password],
    `machine api.github.com login ada password ${F.githubPat}\nmachine ftp.acme.io login ada password ${F.password}`),
  // Chat, payments, cloud.
  c("slack python", ["slack-token"], [F.slackBot], `client = WebClient(token="${F.slackBot}")`),
  c("slack user token yaml", ["slack-token"], [F.slackUser], `slack:\n  user_token: ${F.slackUser}\n  channel: C024BE91L`),
  c("slack webhook curl", ["slack-webhook"], [F.slackWebhookPath],
    `curl -X POST -d '{"text":"deploy done"}' https://hooks.slack.com/${F.slackWebhookPath}`),
  c("stripe json config", ["stripe-key"], [F.stripeRestricted], `{"stripe":{"secretKey":"${F.stripeRestricted}","currency":"eur"}}`),
  c("stripe webhook secret", ["stripe-key"], [F.stripeWebhook], `STRIPE_WEBHOOK_SECRET=${F.stripeWebhook}`),
  c("maps url key", ["google-api-key"], [F.googleApi],
    `GET https://maps.googleapis.com/maps/api/geocode/json?address=Berlin&key=${F.googleApi} 200 OK`),
  c("google oauth client json", ["google-oauth-secret"], [F.googleOauthSecret],
    `{"installed":{"client_id":"1234-abc.apps.googleusercontent.com","client_secret":"${F.googleOauthSecret}"}}`),
  c("google access token header", ["google-access-token"], [F.googleAccess], `Authorization: Bearer ${F.googleAccess}`),
  c("aws credentials file", ["aws-access-key", "aws-secret-key"], [F.awsAccessKey, F.awsSecret],
    `[default]\naws_access_key_id = ${F.awsAccessKey}\naws_secret_access_key = ${F.awsSecret}\nregion = eu-west-1`),
  c("aws sts output", ["aws-access-key", "aws-secret-key", "aws-session-token"],
    [F.awsTempKey, F.awsSecret, F.awsSessionToken],
    `{\n  "Credentials": {\n    "AccessKeyId": "${F.awsTempKey}",\n    "SecretAccessKey": "${F.awsSecret}",\n` +
      `    "SessionToken": "${F.awsSessionToken}",\n    "Expiration": "2024-06-11T12:00:00Z"\n  }\n}`),
  c("aws env", ["aws-access-key", "aws-secret-key"], [F.awsAccessKey, F.awsSecret],
    `AWS_ACCESS_KEY_ID=${F.awsAccessKey} AWS_SECRET_ACCESS_KEY=${F.awsSecret} aws s3 ls`),
  c("aws configure set", ["aws-secret-key"], [F.awsSecret], `aws configure set aws_secret_access_key ${F.awsSecret}`),
  c("azure storage connection", ["azure-key"], [F.azureAccountKey],
    `AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${F.azureAccountKey};EndpointSuffix=core.windows.net"`),
  c("azure client secret", ["azure-key"], [F.azureClientSecret], `AZURE_CLIENT_SECRET=${F.azureClientSecret}`),
  c("digitalocean", ["digitalocean-token"], [F.digitalocean], `doctl auth init -t ${F.digitalocean}`),
  c("shopify header", ["shopify-token"], [F.shopify], `X-Shopify-Access-Token: ${F.shopify}`),
  c("vault token", ["vault-token"], [F.vault], `export VAULT_ADDR=https://vault:8200 VAULT_TOKEN=${F.vault}`),
  c("sendgrid node", ["sendgrid-key"], [F.sendgrid], `sgMail.setApiKey('${F.sendgrid}');`),
  c("twilio env", ["twilio-key", "password-assignment"], [F.twilioKey, F.twilioAuthToken],
    `TWILIO_API_KEY=${F.twilioKey}\nTWILIO_AUTH_TOKEN=${F.twilioAuthToken}`),
  c("discord bot", ["discord-token"], [F.discordBot], `client.login('${F.discordBot}');`),
  c("discord webhook", ["discord-webhook"], [F.discordWebhook],
    `POST https://discord.com/api/webhooks/112233445566778899/${F.discordWebhook}`),
  // Package registries.
  c("npmrc", ["npm-token"], [F.npm], `//registry.npmjs.org/:_authToken=${F.npm}\nalways-auth=true`),
  c("npmrc legacy uuid", ["npm-token"], [F.npmLegacyUuid], `//npm.acme.dev/:_authToken="${F.npmLegacyUuid}"`),
  c("pypirc", ["pypi-token"], [F.pypi], `[pypi]\n  username = __token__\n  password = ${F.pypi}`),
  c("hf cli", ["huggingface-token"], [F.huggingface], `huggingface-cli login --token ${F.huggingface} --add-to-git-credential`),
  c("hf python", ["huggingface-token"], [F.huggingface], `os.environ["HF_TOKEN"] = "${F.huggingface}"`),
  // Tokens and HTTP auth.
  c("jwt bearer", ["jwt"], [F.jwt], `curl -H "Authorization: Bearer ${F.jwt}" http://localhost:3000/api/me`),
  c("jwt cookie", ["jwt"], [F.jwt], `< Set-Cookie: session=${F.jwt}; Path=/; HttpOnly; SameSite=Lax`),
  c("jwt escaped json", ["jwt"], [F.jwt], `{"output":"{\\"id_token\\":\\"${F.jwt}\\",\\"expires_in\\":3600}"}`),
  c("opaque bearer", ["bearer-token"], [F.bearerOpaque], `> GET /v2/orders HTTP/1.1\n> Authorization: Bearer ${F.bearerOpaque}\n> Accept: */*`),
  c("basic header", ["basic-auth"], [headerAuth], `Authorization: Basic ${headerAuth}`),
  c("docker config", ["basic-auth"], [dockerAuth], `{"auths":{"registry.acme.io":{"auth":"${dockerAuth}"}}}`),
  c("curl -u", ["basic-auth"], ["Zq8#vL2p"], `curl -u admin:Zq8#vL2p https://jenkins.acme.io/api/json`),
  // Private keys.
  c("cat id_ed25519", ["private-key"], [sshKey.split("\n")[1]!], `$ cat ~/.ssh/id_ed25519\n${sshKey}\n$ `),
  c("rsa in js test", ["private-key"], [rsaKey.split("\n")[2]!], `const key = \`${rsaKey}\`;\nsign(payload, key);`),
  c("ec key in k8s yaml", ["private-key"], [ecKey.split("\n")[1]!],
    `stringData:\n  tls.key: |\n    ${ecKey.split("\n").join("\n    ")}\n  tls.crt: |`),
  c("pgp key block", ["private-key"], [pgpKey.split("\n")[3]!], `gpg --export-secret-keys --armor ada\n${pgpKey}`),
  c("truncated key", ["private-key"], [pkcs8.split("\n")[3]!], `$ head -5 key.pem\n${pkcs8.split("\n").slice(0, 5).join("\n")}`),
  c("gcp service account", ["gcp-service-account-key"], [pkcs8.split("\n")[1]!],
    `{"type": "service_account", "project_id": "acme-prod", "private_key_id": "3f2c9a", ` +
      `"private_key": "${pkcs8.replace(/\n/g, "\\n")}\\n", "client_email": "ci@acme-prod.iam.gserviceaccount.com"}`),
  c("kubeconfig", ["private-key", "jwt"], [clientKeyData, F.serviceAccountJwt],
    `users:\n- name: admin\n  user:\n    client-key-data: ${clientKeyData}\n- name: ci\n  user:\n    token: ${F.serviceAccountJwt}`),
  // Passwords in URLs and connection strings.
  c("url password", ["url-password"], ["Pa55w0rd!"], `Fetching https://deploy:Pa55w0rd!@artifacts.acme.io/releases/app.tgz`),
  c("pip index url", ["url-password"], [F.password], `pip install --index-url https://ada:${F.password}@pypi.acme.io/simple acme-lib`),
  c("mongodb srv", ["db-connection-string"], [F.password],
    `mongoose.connect("mongodb+srv://api:${F.password}@cluster0.ab1cd.mongodb.net/prod?retryWrites=true")`),
  c("redis no user", ["db-connection-string"], ["s3cr3t-Redis"], `REDIS_URL=redis://:s3cr3t-Redis@cache:6379/0`),
  c("stack trace dsn", ["db-connection-string"], [F.password],
    `Error: getaddrinfo ENOTFOUND db\n    at connect (postgresql://svc:${F.password}@db:5432/app)\n    at Pool.query (/app/node_modules/pg/lib/pool.js:45:11)`),
  c("ado connection string", ["db-connection-string"], [F.shortPassword],
    `"DefaultConnection": "Server=tcp:sql.acme.io,1433;Database=app;User ID=sa;Password=${F.shortPassword};Encrypt=True;"`),
  // Password-style assignments.
  c("mysql -p", ["password-assignment"], ["S3cr3t!Pw"], `mysql -h 127.0.0.1 -u root -pS3cr3t!Pw app_db < dump.sql`),
  c("yaml password", ["password-assignment"], [F.shortPassword], `database:\n  host: db\n  password: "${F.shortPassword}"\n  pool: 5`),
  c("django secret key", ["password-assignment"], ["django-insecure-7h#k2"],
    `SECRET_KEY = 'django-insecure-7h#k2$x9m!q@v8z&w3e*r5t^y1u0i'`),
  c("oauth client secret", ["password-assignment"], ["9f8e7d6c5b4a3210fedcba9876543210"],
    `{"client_id": "web-app", "client_secret": "9f8e7d6c5b4a3210fedcba9876543210"}`),
  c("cli flag", ["password-assignment"], [F.password], `./bin/migrate --db-host db --db-password ${F.password} --yes`),
  c("query string token", ["password-assignment"], ["a81bc81b-dead-4e5d-abff-90865d1e13b1"],
    `GET /export?format=csv&access_token=a81bc81b-dead-4e5d-abff-90865d1e13b1&page=2`),
  c("escaped json password", ["password-assignment"], ["hunter2x"], `{"arguments":"{\\"user\\":\\"ada\\",\\"password\\":\\"hunter2x\\"}"}`),
  c("terraform", ["password-assignment"], ["Adm1n!2024"], `resource "aws_db_instance" "db" {\n  username = "admin"\n  password = "Adm1n!2024"\n}`),
  c("k8s secret stringData", ["password-assignment"], [F.password], `kind: Secret\nstringData:\n  DB_PASSWORD: "${F.password}"`),
  c("spring properties", ["password-assignment"], ["q9W!e8R#"], `spring.datasource.url=jdbc:postgresql://db/app\nspring.datasource.password=q9W!e8R#`),
  c("jdbc query password", ["password-assignment"], ["Xy12-secret"], `jdbc:postgresql://db:5432/app?user=app&password=Xy12-secret&ssl=true`),
  c("php array", ["password-assignment"], ["p4ssw0rd!"], `'mysql' => ['username' => 'forge', 'password' => 'p4ssw0rd!'],`),
  c("go struct", ["password-assignment"], ["r3dis-Pa55"], `opts := &redis.Options{Addr: "cache:6379", Password: "r3dis-Pa55", DB: 0}`),
  c("camelCase key", ["password-assignment"], ["Zx9-Qw8-Er7"], `const config = { dbPassword: 'Zx9-Qw8-Er7', dbUser: 'app' };`),
  c("smtp pass", ["password-assignment"], ["mailPw-2024"], `SMTP_USER=alerts@acme.io\nSMTP_PASS=mailPw-2024`),
  c("sentry env key", ["password-assignment"], ["f3a9c81d27b64e0f9a5c3d2e1b0a7f6c"], `SENTRY_KEY=f3a9c81d27b64e0f9a5c3d2e1b0a7f6c`),
];
