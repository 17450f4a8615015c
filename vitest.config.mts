import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ".next/**", "e2e/browser/**", "data/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Two files at a time even on 2 cores (vitest's default there is one): most golden files wait on servers
    // they started, PostgreSQL and polling, so the second file fills that time. Measured on a 2-core box
    // under a load average of ~9: 103 files / 1,040 tests passed, file time summed 1,427 s in 864 s of wall.
    maxWorkers: 2,
  },
});
