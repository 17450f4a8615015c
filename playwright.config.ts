// Browser tests: the system Chromium against one real tracemark server (started and seeded through its OTLP
// endpoints by e2e/browser/global-setup.ts). Run `npx next build` first (`npm test` does).
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "e2e/browser",
  testMatch: "*.spec.ts",
  globalSetup: "./e2e/browser/global-setup.ts",
  // Specs share one server. Each works on its own sessions, but one spec's load (hundreds of sessions posted,
  // label bursts) reaches every open page through the live events, so they run one at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? "line" : "list",
  use: {
    browserName: "chromium",
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
});
