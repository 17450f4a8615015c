// `npm run users -- add NAME | remove NAME | list`: the people of a tracemark (docs/team.md "People"). `add`
// prints the person's token once (only its hash is kept, in <data>/users.jsonl); once anyone is added, the UI
// asks everyone to sign in. Works while the server runs (it notices the change at its next request). With
// TRACEMARK_DATABASE_URL (team mode) the people are in that database, for every replica (lib/journals).
import { parseArgs } from "node:util";
import { openIndexStore } from "@/db/open-store";
import { loadConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { openJournals, type UsersJournal } from "@/lib/journals/journals";
import { DATA_DIR_OPTION, DATA_DIR_USAGE, dataDirFromArgs } from "./data-dir";

const USAGE = `usage: npm run users -- <command> ${DATA_DIR_USAGE}
  add NAME [--replace]   add a person and print their personal token (--replace: a new token for NAME)
  remove NAME            revoke NAME's token (their labels stay, under their name)
  list                   the people and when each token was issued
NAME: lower-case letters, digits, ".", "_", "-", at most 40 characters.`;

async function run(
  command: string | undefined,
  name: string | undefined,
  users: UsersJournal,
  replace: boolean,
): Promise<void> {
  if (command === "list") {
    const { people, damagedLines } = await users.read();
    if (people.size === 0) console.log(`tracemark: nobody yet (${users.where}); the UI needs no login`);
    for (const person of people.values())
      console.log(`${person.name}\t${new Date(person.addedAt).toISOString()}`);
    if (damagedLines.length > 0)
      console.error(`tracemark: ${users.where}: unreadable lines skipped: ${damagedLines.join(", ")}`);
    return;
  }
  if ((command !== "add" && command !== "remove") || name === undefined) {
    console.error(USAGE);
    process.exit(2);
  }
  if (command === "remove") {
    await users.remove(name);
    console.log(`tracemark: removed ${name}: their logins stop now; their labels stay`);
    return;
  }
  const token = await users.add(name, { replace });
  console.error(
    `tracemark: ${replace ? "new token for" : "added"} ${name}. Their personal token (shown once):`,
  );
  console.log(token);
  console.error("Sign in with it at /login. It is not an OTLP token: agents keep sending TRACEMARK_TOKEN.");
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { replace: { type: "boolean" }, help: { type: "boolean", short: "h" }, ...DATA_DIR_OPTION },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return void console.log(USAGE);
  const [command, name, ...rest] = positionals;
  if (rest.length > 0) {
    console.error(`tracemark: unexpected arguments: ${rest.join(" ")}\n${USAGE}`);
    process.exit(2);
  }
  const dataDir = dataDirFromArgs(values);
  const { databaseUrl } = loadConfig({ dataDir });
  const index = databaseUrl ? await openIndexStore({ dataDir, databaseUrl }) : null;
  const journals = await openJournals({ dataDir, store: index?.store ?? null });
  try {
    await run(command, name, journals.users, values.replace === true);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    console.error(`tracemark: ${error.message}`);
    process.exitCode = error.kind === "not-found" ? 3 : 2;
  } finally {
    journals.close();
    await index?.close();
  }
}

main().catch((error: unknown) => {
  console.error(`tracemark: users failed: ${(error as Error).message}`);
  process.exit(1);
});
