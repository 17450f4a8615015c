// The dataset card's front matter is YAML the Hub reads: configs pointing at the JSONL, features, size.
import { parse } from "yaml";
import { describe, expect, test } from "vitest";
import { buildCard, sizeCategory } from "./card";
import type { ExportManifest } from "./manifest";

const manifest: ExportManifest = {
  schema: "tracemark.manifest.v1",
  tracemark_version: "0.1.0",
  created_at: "2026-01-01T00:00:00.000Z",
  format: "dpo",
  files: { data: "pairs.jsonl", card: "pairs.card.md" },
  sha256: "ab".repeat(32),
  bytes: 10,
  rows: 3,
  skipped: 0,
  filters: { format: "dpo", label: "labeled", redact: true },
  counts: {
    by_label: { correction: 1, labels: 2 },
    by_reason: { hallucinated: 2 },
    by_client: { codex: 3 },
    by_model: { "gpt-5": 3 },
  },
  redactions: { enabled: true, total: 1, by_kind: { "github-token": 1 } },
};

describe("dataset card", () => {
  test("front matter: configs, features, size category", () => {
    const card = buildCard(manifest);
    const front = parse(card.split("---\n")[1]!) as {
      configs: { data_files: { path: string }[] }[];
      size_categories: string[];
      dataset_info: { features: { name: string }[] };
    };
    expect(front.configs[0]!.data_files[0]!.path).toBe("pairs.jsonl");
    expect(front.size_categories).toEqual(["n<1K"]);
    expect(front.dataset_info.features.map((f) => f.name)).toEqual([
      "prompt",
      "chosen",
      "rejected",
      "metadata",
    ]);
    expect(card).toContain('load_dataset("json", data_files="pairs.jsonl", split="train")');
    expect(card).toContain("| hallucinated | 2 |");
    expect(card).toContain("github-token: 1");
    expect(card).toContain("pairs.manifest.json");
  });

  test("size buckets", () => {
    expect([0, 999, 1000, 12_345, 2_000_000].map(sizeCategory)).toEqual([
      "n<1K",
      "n<1K",
      "1K<n<10K",
      "10K<n<100K",
      "1M<n<10M",
    ]);
  });
});
