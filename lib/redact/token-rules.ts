// Vendor credentials recognisable by their own shape (a fixed prefix, alphabet and length), wherever they
// appear. Formats follow gitleaks' default config (config/gitleaks.toml) unless a comment says otherwise.
import { EDGE, END, sticky, type Candidate, type Rule } from "./rule";
import { decodeBase64Text, isPlaceholder } from "./value-checks";

const notPlaceholder = (c: Candidate): boolean => !isPlaceholder(c.secret);

/** A prefixed token: `body` starts with the trigger literal; it must stand alone on both sides. */
function token(kind: string, triggers: readonly string[], body: string, check = notPlaceholder): Rule {
  return { kind, triggers, pattern: sticky(EDGE + body + END), check };
}

export const TOKEN_RULES: readonly Rule[] = [
  // Anthropic: api03 keys are 108 characters ending in AA; OAuth (oat01) and admin (admin01) tokens differ
  // in length, so the body is open-ended rather than gitleaks' exact {93}AA.
  token("anthropic-key", ["sk-ant-"], "sk-ant-[a-z]{2,6}\\d{2}-[A-Za-z0-9_-]{32,}"),
  token("openrouter-key", ["sk-or-v1-"], "sk-or-v1-[a-f0-9]{64}"),
  // OpenAI project/service/admin keys (sk-proj-…T3BlbkFJ…) and legacy `sk-` + 48; OpenAI-compatible vendors
  // (DeepSeek, Moonshot) use the same `sk-` + 32+ shape and are labelled openai-key too.
  token("openai-key", ["sk-"], "sk-(?:(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{32,}|[A-Za-z0-9]{32,})"),
  token("groq-key", ["gsk_"], "gsk_[A-Za-z0-9]{48,}"),
  token("xai-key", ["xai-"], "xai-[A-Za-z0-9]{60,}"),
  token("perplexity-key", ["pplx-"], "pplx-[A-Za-z0-9]{40,}"),
  token(
    "github-token",
    ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
    "(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{60,251})",
  ),
  // GitLab's prefixed tokens (PAT, deploy, runner, CI job, feed, mail, SCIM, agent, OAuth, trigger);
  // routable PATs carry a `.xx…` suffix, hence the optional dotted tail.
  token(
    "gitlab-token",
    [
      "glpat-",
      "gldt-",
      "glrt-",
      "glptt-",
      "glft-",
      "glimt-",
      "glsoat-",
      "glcbt-",
      "glffct-",
      "glagent-",
      "gloas-",
    ],
    "gl(?:pat|dt|rt|ptt|ft|imt|soat|cbt|ffct|agent|oas)-[A-Za-z0-9_-]{20,}(?:\\.[A-Za-z0-9_-]+)*",
  ),
  token("gitlab-token", ["GR1348941"], "GR1348941[A-Za-z0-9_-]{20,}"),
  // Slack: bot/user/app/config tokens all carry digit groups; the check keeps `xoxb-your-token` out.
  token(
    "slack-token",
    ["xox", "xapp-"],
    "(?:xox(?:[abposr]|e(?:\\.xox[bp])?)-[A-Za-z0-9-]{10,}|xapp-\\d-[A-Za-z0-9-]{20,})",
    (c) => /\d{2}/.test(c.secret) && notPlaceholder(c),
  ),
  {
    kind: "slack-webhook",
    triggers: ["hooks.slack.com/"],
    pattern: sticky("hooks\\.slack\\.com\\/((?:services|workflows|triggers)\\/[A-Za-z0-9+/_-]{20,})"),
    check: notPlaceholder,
  },
  // Stripe secret and restricted keys, and webhook signing secrets; publishable `pk_` keys are public.
  token(
    "stripe-key",
    ["sk_live_", "sk_test_", "sk_prod_", "rk_live_", "rk_test_", "rk_prod_", "whsec_"],
    "(?:[sr]k_(?:live|test|prod)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9+/=]{24,})",
  ),
  token("google-api-key", ["AIza"], "AIza[A-Za-z0-9_-]{35}"),
  token("google-oauth-secret", ["GOCSPX-"], "GOCSPX-[A-Za-z0-9_-]{24,}"),
  token("google-access-token", ["ya29."], "ya29\\.[A-Za-z0-9_-]{30,}"),
  // AWS access key ids; AWS's documented AKIAIOSFODNN7EXAMPLE is a placeholder (gitleaks allowlists it).
  token(
    "aws-access-key",
    ["AKIA", "ASIA", "ABIA", "ACCA", "A3T"],
    "(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}",
  ),
  token("npm-token", ["npm_"], "npm_[A-Za-z0-9]{36}"),
  token("huggingface-token", ["hf_", "api_org_"], "(?:hf_[A-Za-z0-9]{34,40}|api_org_[A-Za-z0-9]{34})"),
  token("pypi-token", ["pypi-AgEIcHlwaS5vcmc"], "pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}"),
  token("digitalocean-token", ["dop_v1_", "doo_v1_", "dor_v1_"], "do[opr]_v1_[a-f0-9]{64}"),
  token("shopify-token", ["shpat_", "shpca_", "shppa_", "shpss_"], "shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}"),
  token("vault-token", ["hvs.", "hvb."], "hv[sb]\\.[A-Za-z0-9_-]{24,}"),
  token("sendgrid-key", ["SG."], "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}"),
  token("twilio-key", ["SK"], "SK[0-9a-f]{32}"),
  // JWTs: header and payload are base64url JSON (`eyJ` = `{"`); the check decodes the header and wants a JOSE
  // field, which base64 of arbitrary JSON (`eyJhIjoxfQ==`) doesn't have. The signature is absent for alg=none.
  token("jwt", ["eyJ"], "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.(?:[A-Za-z0-9_-]{8,})?", (c) => {
    const header = decodeBase64Text(c.secret.slice(0, c.secret.indexOf(".")));
    return header !== null && /^\{\s*"/.test(header) && /"(?:alg|typ|kid)"/.test(header);
  }),
  // Discord bot tokens: base64 of the bot's numeric id, then two more parts (detect-secrets' shape). No fixed
  // prefix, so the triggers are the first two characters base64 gives a leading digit 1-9 ("1" → "MT").
  token(
    "discord-token",
    ["MT", "Mj", "Mz", "ND", "NT", "Nj", "Nz", "OD", "OT"],
    "[MNO][A-Za-z0-9_-]{23,27}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,40}",
    (c) => /^\d{17,20}$/.test(decodeBase64Text(c.secret.slice(0, c.secret.indexOf("."))) ?? ""),
  ),
  {
    kind: "discord-webhook",
    triggers: ["discord.com/api/webhooks/", "discordapp.com/api/webhooks/"],
    pattern: sticky("discord(?:app)?\\.com\\/api\\/webhooks\\/\\d{17,20}\\/([A-Za-z0-9_-]{60,})"),
    check: notPlaceholder,
  },
];
