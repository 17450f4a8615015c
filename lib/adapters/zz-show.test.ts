import { it } from "vitest";
import { buildFixture } from "./test-fixtures";
it("show", () => {
  for (const folder of (process.env.SHOW ?? "").split(",")) {
    for (const r of buildFixture(folder)) {
      console.log(folder, JSON.stringify(r, (k, v) => (typeof v === "string" && v.length > 120 ? v.slice(0, 120) + "…" : k === "record_ids" ? Object.fromEntries(Object.entries(v as object).map(([a, b]) => [a, (b as number[]).length])) : v), 1).replace(/\n\s*/g, " "));
    }
  }
});
