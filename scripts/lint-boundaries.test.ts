// The dependency direction of docs/ARCHITECTURE.md is enforced by `npm run lint`: files with forbidden
// imports, written into a temp dir laid out like the repository, fail ESLint run with the repository's own
// config; the same imports in the direction the rules allow pass.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { afterAll, describe, expect, test } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracemark-lint-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Lints `source` as the repository file `file` with the repository's config. The temp file is outside the
 * TypeScript project, so type-aware rules are off for it; the boundary rule reads only the import syntax. */
async function boundaryErrors(file: string, source: string): Promise<string[]> {
  const full = path.join(dir, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, source);
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: path.join(ROOT, "eslint.config.mjs"),
    overrideConfig: tseslint.configs.disableTypeChecked,
  });
  const [result] = await eslint.lintFiles([full]);
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === "@typescript-eslint/no-restricted-imports")
    .map((message) => message.message);
}

describe("import boundaries", () => {
  const forbidden: [string, string, RegExp][] = [
    [
      "lib/sessions/bad.ts",
      `import { Indexer } from "@/ingest/indexer";\nexport const x = Indexer;\n`,
      /lib must not import ingest/,
    ],
    [
      "lib/adapters/bad.ts",
      `import { Indexer } from "../../ingest/indexer";\nexport const x = Indexer;\n`,
      /lib must not import ingest/,
    ],
    [
      "ingest/bad.ts",
      `import { buildSession } from "@/lib/adapters";\nexport const x = buildSession;\n`,
      /ingest must not import lib/,
    ],
    [
      "db/queries/bad.ts",
      `import { iso } from "@/lib/sessions/read";\nexport const x = iso;\n`,
      /db must not import lib/,
    ],
    [
      "components/bad.tsx",
      `import type { Db } from "@/db/client";\nexport type X = Db;\n`,
      /components must not import db/,
    ],
    [
      "components/bad-value.ts",
      `import { iso } from "@/lib/sessions/read";\nexport const x = iso;\n`,
      /only as types/,
    ],
    [
      "app/api/bad/route.ts",
      `import { getIndexTotals } from "@/db/queries/records";\nexport const x = getIndexTotals;\n`,
      /through lib/,
    ],
    ["lib/shared/bad.ts", `import fs from "node:fs";\nexport const x = fs;\n`, /pure and browser-safe/],
    [
      "lib/bad-support.ts",
      `import { startServer } from "@/e2e/support/server";\nexport const x = startServer;\n`,
      /Test support/,
    ],
    ["server.ts", `import { x } from "./lib/thing.test";\nexport const y = x;\n`, /test file/],
  ];
  for (const [file, source, message] of forbidden) {
    test(`${file}: ${source.split("\n")[0]} fails`, async () => {
      const errors = await boundaryErrors(file, source);
      expect(errors.length, errors.join("\n")).toBeGreaterThan(0);
      expect(errors.join("\n")).toMatch(message);
    });
  }

  const allowed: [string, string][] = [
    [
      "lib/sessions/ok.ts",
      `import { getDb } from "@/db/client";\nimport { EMPTY_LABEL } from "@/lib/shared/labels";\nexport const x = [getDb, EMPTY_LABEL];\n`,
    ],
    ["ingest/ok.ts", `import { getDb } from "@/db/client";\nexport const x = getDb;\n`],
    ["db/queries/ok.ts", `import type { Label } from "@/lib/shared/labels";\nexport type X = Label;\n`],
    [
      "components/ok.tsx",
      `import type { Overview } from "@/lib/overview/types";\nimport { CLIENT_IDS } from "@/lib/shared/clients";\nexport type X = Overview;\nexport const y = CLIENT_IDS;\n`,
    ],
    ["app/api/ok/route.ts", `import { readStats } from "@/lib/stats";\nexport const x = readStats;\n`],
    ["lib/shared/ok.ts", `import { LABEL_VALUES } from "./labels";\nexport const x = LABEL_VALUES;\n`],
    [
      "e2e/golden/ok.test.ts",
      `import { getIndexTotals } from "@/db/queries/records";\nexport const x = getIndexTotals;\n`,
    ],
  ];
  for (const [file, source] of allowed) {
    test(`${file}: allowed imports pass`, async () => {
      expect(await boundaryErrors(file, source)).toEqual([]);
    });
  }
});
