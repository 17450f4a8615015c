// Vendor tokens and HTTP credentials in the places coding agents meet them (shell, .env, curl, configs, tool
// output, git remotes), each with the kinds the redactor must report. All synthetic, from fake-secrets.ts.
import { FAKE as F, basicAuth } from "./fake-secrets";
import { secretCase as c, type SecretCase } from "./secret-case";

const dockerAuth = basicAuth("ci-bot", F.password);
const headerAuth = basicAuth("deploy", "Zq8#vL2p");

export const VENDOR_SECRET_CASES: SecretCase[] = [
  // LLM provider keys: what coding-agent telemetry leaks most.
  c(
    "shell export openai",
    ["openai-key"],
    [F.openaiProject],
    `$ export OPENAI_API_KEY=${F.openaiProject}\n$ python agent.py`,
  ),
  c(
    "python legacy openai",
    ["openai-key"],
    [F.openaiLegacy],
    `import openai\nopenai.api_key = "${F.openaiLegacy}"\n`,
  ),
  c(
    "curl anthropic header",
    ["anthropic-key"],
    [F.anthropic],
    `curl https://api.anthropic.com/v1/messages -H "x-api-key: ${F.anthropic}" -H "anthropic-version: 2023-06-01"`,
  ),
  c(
    "claude credentials json",
    ["anthropic-key"],
    [F.anthropicOauth],
    `{"claudeAiOauth":{"accessToken":"${F.anthropicOauth}","expiresAt":1748658860401,"scopes":["user:inference"]}}`,
  ),
  c("openrouter env", ["openrouter-key"], [F.openrouter], `OPENROUTER_API_KEY=${F.openrouter}`),
  c("groq in code", ["groq-key"], [F.groq], `const groq = new Groq({ apiKey: "${F.groq}" });`),
  c("xai env", ["xai-key"], [F.xai], `XAI_API_KEY="${F.xai}"`),
  c(
    "perplexity curl",
    ["perplexity-key"],
    [F.perplexity],
    `curl -s https://api.perplexity.ai/chat/completions -H 'authorization: Bearer ${F.perplexity}'`,
  ),
  c("gemini env", ["google-api-key"], [F.googleApi], `GEMINI_API_KEY=${F.googleApi} gemini -p "summarize"`),
  c(
    "dotenv file",
    ["openai-key", "anthropic-key", "db-connection-string", "stripe-key"],
    [F.openaiProject, F.anthropic, F.password, F.stripeLive],
    `# .env\nOPENAI_API_KEY=${F.openaiProject}\nANTHROPIC_API_KEY=${F.anthropic}\n` +
      `DATABASE_URL=postgres://app:${F.password}@db.internal:5432/app\nSTRIPE_SECRET_KEY=${F.stripeLive}\nPORT=3000\n`,
  ),
  // Source hosting.
  c(
    "git remote -v",
    ["github-token", "github-token"],
    [F.githubPat],
    `origin\thttps://${F.githubPat}@github.com/acme/api.git (fetch)\norigin\thttps://${F.githubPat}@github.com/acme/api.git (push)`,
  ),
  c(
    "clone with app token",
    ["github-token"],
    [F.githubApp],
    `git clone https://x-access-token:${F.githubApp}@github.com/acme/infra.git /tmp/infra`,
  ),
  c(
    "gh hosts.yml",
    ["github-token"],
    [F.githubOauth],
    `github.com:\n    user: ada\n    oauth_token: ${F.githubOauth}\n    git_protocol: https`,
  ),
  c("fine-grained pat env", ["github-token"], [F.githubFineGrained], `GITHUB_PAT=${F.githubFineGrained}`),
  c("docker login ghcr", ["github-token"], [F.githubPat], `docker login ghcr.io -u ada -p ${F.githubPat}`),
  c(
    "gitlab clone",
    ["gitlab-token"],
    [F.gitlabPat],
    `git clone https://oauth2:${F.gitlabPat}@gitlab.com/acme/web.git`,
  ),
  c(
    "gitlab runner register",
    ["gitlab-token"],
    [F.gitlabRunner],
    `gitlab-runner register --url https://gitlab.com --token ${F.gitlabRunner} --executor docker`,
  ),
  c(
    "netrc",
    ["github-token", "password-assignment"],
    [F.githubPat, F.password],
    `machine api.github.com login ada password ${F.githubPat}\nmachine ftp.acme.io login ada password ${F.password}`,
  ),
  // Chat, payments, cloud.
  c("slack python", ["slack-token"], [F.slackBot], `client = WebClient(token="${F.slackBot}")`),
  c(
    "slack user token yaml",
    ["slack-token"],
    [F.slackUser],
    `slack:\n  user_token: ${F.slackUser}\n  channel: C024BE91L`,
  ),
  c(
    "slack webhook curl",
    ["slack-webhook"],
    [F.slackWebhookPath],
    `curl -X POST -d '{"text":"deploy done"}' https://hooks.slack.com/${F.slackWebhookPath}`,
  ),
  c(
    "stripe json config",
    ["stripe-key"],
    [F.stripeRestricted],
    `{"stripe":{"secretKey":"${F.stripeRestricted}","currency":"eur"}}`,
  ),
  c("stripe webhook secret", ["stripe-key"], [F.stripeWebhook], `STRIPE_WEBHOOK_SECRET=${F.stripeWebhook}`),
  c(
    "maps url key",
    ["google-api-key"],
    [F.googleApi],
    `GET https://maps.googleapis.com/maps/api/geocode/json?address=Berlin&key=${F.googleApi} 200 OK`,
  ),
  c(
    "google oauth client json",
    ["google-oauth-secret"],
    [F.googleOauthSecret],
    `{"installed":{"client_id":"1234-abc.apps.googleusercontent.com","client_secret":"${F.googleOauthSecret}"}}`,
  ),
  c(
    "google access token header",
    ["google-access-token"],
    [F.googleAccess],
    `Authorization: Bearer ${F.googleAccess}`,
  ),
  c(
    "aws credentials file",
    ["aws-access-key", "aws-secret-key"],
    [F.awsAccessKey, F.awsSecret],
    `[default]\naws_access_key_id = ${F.awsAccessKey}\naws_secret_access_key = ${F.awsSecret}\nregion = eu-west-1`,
  ),
  c(
    "aws sts output",
    ["aws-access-key", "aws-secret-key", "aws-session-token"],
    [F.awsTempKey, F.awsSecret, F.awsSessionToken],
    `{\n  "Credentials": {\n    "AccessKeyId": "${F.awsTempKey}",\n    "SecretAccessKey": "${F.awsSecret}",\n` +
      `    "SessionToken": "${F.awsSessionToken}",\n    "Expiration": "2024-06-11T12:00:00Z"\n  }\n}`,
  ),
  c(
    "aws env",
    ["aws-access-key", "aws-secret-key"],
    [F.awsAccessKey, F.awsSecret],
    `AWS_ACCESS_KEY_ID=${F.awsAccessKey} AWS_SECRET_ACCESS_KEY=${F.awsSecret} aws s3 ls`,
  ),
  c(
    "aws configure set",
    ["aws-secret-key"],
    [F.awsSecret],
    `aws configure set aws_secret_access_key ${F.awsSecret}`,
  ),
  c(
    "azure storage connection",
    ["azure-key"],
    [F.azureAccountKey],
    `AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${F.azureAccountKey};EndpointSuffix=core.windows.net"`,
  ),
  c(
    "azure client secret",
    ["azure-key"],
    [F.azureClientSecret],
    `AZURE_CLIENT_SECRET=${F.azureClientSecret}`,
  ),
  c("digitalocean", ["digitalocean-token"], [F.digitalocean], `doctl auth init -t ${F.digitalocean}`),
  c("shopify header", ["shopify-token"], [F.shopify], `X-Shopify-Access-Token: ${F.shopify}`),
  c("vault token", ["vault-token"], [F.vault], `export VAULT_ADDR=https://vault:8200 VAULT_TOKEN=${F.vault}`),
  c("sendgrid node", ["sendgrid-key"], [F.sendgrid], `sgMail.setApiKey('${F.sendgrid}');`),
  c(
    "twilio env",
    ["twilio-key", "password-assignment"],
    [F.twilioKey, F.twilioAuthToken],
    `TWILIO_API_KEY=${F.twilioKey}\nTWILIO_AUTH_TOKEN=${F.twilioAuthToken}`,
  ),
  c("discord bot", ["discord-token"], [F.discordBot], `client.login('${F.discordBot}');`),
  c(
    "discord webhook",
    ["discord-webhook"],
    [F.discordWebhook],
    `POST https://discord.com/api/webhooks/112233445566778899/${F.discordWebhook}`,
  ),
  // Package registries.
  c("npmrc", ["npm-token"], [F.npm], `//registry.npmjs.org/:_authToken=${F.npm}\nalways-auth=true`),
  c("npmrc legacy uuid", ["npm-token"], [F.npmLegacyUuid], `//npm.acme.dev/:_authToken="${F.npmLegacyUuid}"`),
  c("pypirc", ["pypi-token"], [F.pypi], `[pypi]\n  username = __token__\n  password = ${F.pypi}`),
  c(
    "hf cli",
    ["huggingface-token"],
    [F.huggingface],
    `huggingface-cli login --token ${F.huggingface} --add-to-git-credential`,
  ),
  c("hf python", ["huggingface-token"], [F.huggingface], `os.environ["HF_TOKEN"] = "${F.huggingface}"`),
  // Tokens and HTTP auth.
  c("jwt bearer", ["jwt"], [F.jwt], `curl -H "Authorization: Bearer ${F.jwt}" http://localhost:3000/api/me`),
  c("jwt cookie", ["jwt"], [F.jwt], `< Set-Cookie: session=${F.jwt}; Path=/; HttpOnly; SameSite=Lax`),
  c(
    "jwt escaped json",
    ["jwt"],
    [F.jwt],
    `{"output":"{\\"id_token\\":\\"${F.jwt}\\",\\"expires_in\\":3600}"}`,
  ),
  c(
    "opaque bearer",
    ["bearer-token"],
    [F.bearerOpaque],
    `> GET /v2/orders HTTP/1.1\n> Authorization: Bearer ${F.bearerOpaque}\n> Accept: */*`,
  ),
  c(
    "github token scheme",
    ["bearer-token"],
    [F.bearerOpaque],
    `requests.get(url, headers={"Authorization": "token ${F.bearerOpaque}"})`,
  ),
  c("basic header", ["basic-auth"], [headerAuth], `Authorization: Basic ${headerAuth}`),
  c("docker config", ["basic-auth"], [dockerAuth], `{"auths":{"registry.acme.io":{"auth":"${dockerAuth}"}}}`),
  c("curl -u", ["basic-auth"], ["Zq8#vL2p"], `curl -u admin:Zq8#vL2p https://jenkins.acme.io/api/json`),
];
