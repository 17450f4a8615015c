// lib/shared/clients.ts is generated from the registry: this fails when an adapter changed and
// `npm run generate:clients` was not run (the browser would list stale clients).
import fs from "node:fs";
import path from "node:path";
import { format, resolveConfig } from "prettier";
import { expect, test } from "vitest";
import { CLIENT_IDS, clientName, clientTone } from "@/lib/shared/clients";
import { CLIENTS_MODULE_PATH, renderClientsModule } from "./client-module";
import { CLIENT_ADAPTERS, GENERIC_ADAPTER } from "./registry";

test("lib/shared/clients.ts is up to date with the registry (else run `npm run generate:clients`)", async () => {
  const file = path.resolve(CLIENTS_MODULE_PATH);
  const options = (await resolveConfig(file)) ?? {};
  const expected = await format(renderClientsModule(CLIENT_ADAPTERS, GENERIC_ADAPTER), {
    ...options,
    filepath: file,
  });
  expect(fs.readFileSync(file, "utf8")).toBe(expected);
});

test("the browser's client facts are the registry's", () => {
  expect(CLIENT_IDS).toEqual(CLIENT_ADAPTERS.map((adapter) => adapter.id));
  for (const adapter of CLIENT_ADAPTERS) {
    expect([clientName(adapter.id), clientTone(adapter.id)]).toEqual([adapter.name, adapter.tone]);
  }
  expect(clientTone("not-a-client")).toBe(GENERIC_ADAPTER.tone);
  expect(clientName("not-a-client")).toBe("not-a-client");
});
