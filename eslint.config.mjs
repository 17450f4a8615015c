// Type-aware lint: the rules in STYLE.md §12 (no floating promises, type-only imports), nothing switched off;
// and the dependency direction of docs/ARCHITECTURE.md, enforced (scripts/lint-boundaries.test.ts proves it).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

/** An import of folder `name` of the repository, by alias (`@/lib/…`) or by a relative path (`../lib/…`). */
const layer = (name) => `^(@/|(\\.\\./)+)${name}(/|$)`;

const TEST_SUPPORT = [
  { regex: layer("e2e"), message: "Test support (e2e/) is for tests: production code must not import it." },
  { regex: "\\.test(\\.tsx?)?$", message: "Production code must not import a test file." },
];
const NOT_UP = (what, names) =>
  names.map((name) => ({
    regex: layer(name),
    message: `${what} must not import ${name}/ (docs/ARCHITECTURE.md).`,
  }));

/** Which folders may import which (docs/ARCHITECTURE.md "Module map and dependency direction"). */
const BOUNDARIES = [
  {
    // the bottom: schema, migrations, SQL; only the pure shared vocabulary is below it
    files: ["db/**"],
    patterns: [
      ...NOT_UP("db", ["ingest", "app", "components"]),
      {
        regex: "^(@/|(\\.\\./)+)lib/(?!shared/)",
        message: "db must not import lib/ (only lib/shared, the pure vocabulary).",
      },
    ],
  },
  {
    files: ["ingest/**"],
    patterns: [
      ...NOT_UP("ingest", ["app", "components"]),
      {
        regex: "^(@/|(\\.\\./)+)lib/(?!shared/)",
        message: "ingest must not import lib/: what it needs from the domain is handed in by server.ts.",
      },
    ],
  },
  {
    // browser-safe types and vocabularies: import-free apart from each other
    files: ["lib/shared/**"],
    patterns: [
      {
        regex: "^(?!\\./)",
        message: "lib/shared is pure and browser-safe: it imports only its own modules.",
      },
    ],
  },
  { files: ["lib/**"], ignores: ["lib/shared/**"], patterns: NOT_UP("lib", ["ingest", "app", "components"]) },
  {
    files: ["app/**"],
    patterns: [
      ...NOT_UP("app", ["ingest"]),
      {
        regex: layer("db"),
        allowTypeImports: true,
        message: "Routes and pages reach the index through lib/ (app → lib → db), not db/ directly.",
      },
    ],
  },
  {
    files: ["components/**"],
    patterns: [
      ...NOT_UP("components", ["db", "ingest"]),
      {
        regex: "^(@/|(\\.\\./)+)lib/(?!shared/)",
        allowTypeImports: true,
        message: "Client components import server modules only as types (values come from lib/shared).",
      },
    ],
  },
  { files: ["server.ts", "index-worker.ts", "scripts/**"], patterns: [] },
];

/** Tests, the harness, benchmarks and the screenshot script (which drives a test server) may import anything. */
const NOT_PRODUCTION = ["**/*.test.ts", "e2e/**", "bench/**", "scripts/screenshot.ts"];

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "data/**", "bench/results/**", "next-env.d.ts", "drizzle/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  ...BOUNDARIES.map(({ files, ignores = [], patterns }) => ({
    files,
    ignores: [...ignores, ...NOT_PRODUCTION],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: [...patterns, ...TEST_SUPPORT] }],
    },
  })),
  {
    // plain-JS scripts and tool configs: not part of the TypeScript project
    files: ["**/*.mjs", "*.config.mts"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
);
