// Real capture bodies sent again as new sessions: the Claude Code `text` capture's logs with a fresh
// session id and our own prompt and answer (to get Markdown or markup into a turn exactly as Claude Code
// logs it), and the Claude Code `edit-file` run (Read + Edit, from ../shared/fixtures/transcripts) as captured.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { FIXTURE_ROOT } from "./captures";
import { serverUrls } from "./support";

interface Attribute {
  key: string;
  value: { stringValue?: string };
}
interface LogsBody {
  resourceLogs: { scopeLogs: { logRecords: { attributes: Attribute[] }[] }[] }[];
}

const TEXT_LOGS = path.join(FIXTURE_ROOT, "claude-code/text/http-json/0002-logs.json");
export const EDIT_FILE = path.join(FIXTURE_ROOT, "..", "transcripts/claude-code/edit-file/http-protobuf");

/** The `text` capture's logs as a new session whose prompt and answer are the given texts. */
export function claudeTextSession(prompt: string, response: string): { body: LogsBody; sessionId: string } {
  const body = JSON.parse(fs.readFileSync(TEXT_LOGS, "utf8")) as LogsBody;
  const sessionId = randomUUID();
  const promptId = randomUUID();
  for (const resource of body.resourceLogs)
    for (const scope of resource.scopeLogs)
      for (const record of scope.logRecords)
        for (const attribute of record.attributes) {
          if (attribute.key === "session.id") attribute.value = { stringValue: sessionId };
          if (attribute.key === "prompt.id") attribute.value = { stringValue: promptId };
          if (attribute.key === "prompt") attribute.value = { stringValue: prompt };
          if (attribute.key === "response") attribute.value = { stringValue: response };
        }
  return { body, sessionId };
}

/** Posts every body of a capture folder to the OTLP/HTTP endpoint with its captured content type. */
export async function replayFolder(folder: string): Promise<void> {
  const { ui, otlpHttp } = serverUrls();
  const files = fs
    .readdirSync(folder)
    .filter((file) => /^\d{4}-(logs|traces|metrics)\.(bin|json)$/.test(file))
    .sort();
  for (const file of files) {
    const meta = JSON.parse(
      fs.readFileSync(path.join(folder, file.replace(/\.(bin|json)$/, ".meta.json")), "utf8"),
    ) as { headers: Record<string, string> };
    const signal = /-(logs|traces|metrics)\./.exec(file)![1]!;
    const response = await fetch(`${otlpHttp}/v1/${signal}`, {
      method: "POST",
      headers: { "content-type": meta.headers["content-type"] ?? "application/x-protobuf" },
      body: new Uint8Array(fs.readFileSync(path.join(folder, file))),
    });
    if (response.status !== 200) throw new Error(`${file}: ${response.status} ${await response.text()}`);
  }
  await fetch(`${ui}/api/stats?settle=1`);
}

/** The session id a capture folder's expected.json names. */
export function sessionIdOfFolder(folder: string): string {
  return (
    JSON.parse(fs.readFileSync(path.join(folder, "expected.json"), "utf8")) as { sessions: { id: string }[] }
  ).sessions[0]!.id;
}
