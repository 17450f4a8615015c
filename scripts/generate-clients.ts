// `npm run generate:clients`: writes lib/shared/clients.ts from the client registry (run after adding or
// changing a client adapter; lib/adapters/client-module.test.ts says when it is due).
import fs from "node:fs";
import path from "node:path";
import { format, resolveConfig } from "prettier";
import { CLIENTS_MODULE_PATH, renderClientsModule } from "@/lib/adapters/client-module";
import { CLIENT_ADAPTERS, GENERIC_ADAPTER } from "@/lib/adapters/registry";

async function main(): Promise<void> {
  const file = path.resolve(CLIENTS_MODULE_PATH);
  const options = (await resolveConfig(file)) ?? {};
  const text = await format(renderClientsModule(CLIENT_ADAPTERS, GENERIC_ADAPTER), {
    ...options,
    filepath: file,
  });
  fs.writeFileSync(file, text);
  console.log(`tracemark: wrote ${CLIENTS_MODULE_PATH} (${CLIENT_ADAPTERS.length} clients)`);
}

main().catch((error: unknown) => {
  console.error("tracemark: generate:clients failed:", error);
  process.exit(1);
});
