import { benchConfig } from "./config";
import { describeSteady, runSteady } from "./steady";
async function main() {
  const r = await runSteady(benchConfig(true), {});
  console.log(describeSteady(r));
}
void main();
