// Starts the seeded server every spec shares and hands its addresses to the specs in TRACEMARK_E2E_*
// (workers inherit this process's environment). The returned function is the teardown.
import { spawnServer } from "./spawn-server";

export default async function globalSetup(): Promise<() => Promise<void>> {
  const server = await spawnServer();
  process.env.TRACEMARK_E2E_UI = server.ui;
  process.env.TRACEMARK_E2E_OTLP_HTTP = server.otlpHttp;
  return server.stop;
}
