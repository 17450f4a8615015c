import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { listSegments, plainPath, zstdPath } from "./layout";
import { readSegment, segmentLines } from "./reader";
import { recoverArchive } from "./recovery";
import { ArchiveUnavailableError, ArchiveWriter } from "./writer";

const dirs: string[] = [];
function tempRoot(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracemark-archive-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function lines(root: string, name: string): Promise<string[]> {
  return [...segmentLines(await readSegment(root, name))].map((entry) => entry.text);
}

describe("ArchiveWriter", () => {
  test("appends lines in order and reports their positions", async () => {
    const root = tempRoot();
    const writer = await ArchiveWriter.create(root, { fsync: true });
    const positions = await Promise.all([0, 1, 2].map((i) => writer.append("logs", JSON.stringify({ i }))));
    expect(positions.map((p) => p.line)).toEqual([0, 1, 2]);
    expect(new Set(positions.map((p) => p.segment)).size).toBe(1);
    await writer.shutdown();
    expect(await lines(root, positions[0]!.segment)).toEqual(['{"i":0}', '{"i":1}', '{"i":2}']);
  });

  test("rotates full segments and compresses them into readable zstd frames", async () => {
    const root = tempRoot();
    const sealed: string[] = [];
    const writer = await ArchiveWriter.create(root, {
      fsync: false,
      segmentBytes: 1000,
      onSealed: (n) => sealed.push(n),
    });
    const line = JSON.stringify({ pad: "x".repeat(300) });
    for (let i = 0; i < 10; i++) await writer.append("traces", line);
    await writer.shutdown();
    const refs = listSegments(root, "traces");
    expect(refs.length).toBeGreaterThan(2);
    expect(sealed.length).toBe(refs.length - 1);
    for (const name of sealed) expect(fs.existsSync(zstdPath(root, name))).toBe(true);
    let total = 0;
    for (const ref of refs) total += (await lines(root, ref.name)).length;
    expect(total).toBe(10);
  });

  test("continues the open tail segment after a restart", async () => {
    const root = tempRoot();
    const first = await ArchiveWriter.create(root, { fsync: false });
    const a = await first.append("logs", "{}");
    await first.shutdown();
    const second = await ArchiveWriter.create(root, { fsync: false });
    const b = await second.append("logs", "{}");
    await second.shutdown();
    expect(b).toMatchObject({ segment: a.segment, line: 1 });
  });

  test("rejects with ArchiveUnavailableError when the directory is not writable, and recovers", async () => {
    const root = tempRoot();
    const writer = await ArchiveWriter.create(root, { fsync: false });
    fs.chmodSync(root, 0o500);
    const isRoot = process.getuid?.() === 0; // root ignores permissions; simulate with a file in the way
    if (isRoot) fs.writeFileSync(path.join(root, "metrics"), "not a directory");
    await expect(writer.append("metrics", "{}")).rejects.toBeInstanceOf(ArchiveUnavailableError);
    expect(writer.lastError).toMatch(/archive not writable/);
    fs.chmodSync(root, 0o700);
    if (isRoot) fs.rmSync(path.join(root, "metrics"));
    await expect(writer.append("metrics", "{}")).resolves.toMatchObject({ line: 0 });
    expect(writer.lastError).toBeNull();
    await writer.shutdown();
  });
});

describe("recoverArchive", () => {
  test("trims a torn tail, setting the bytes aside, and keeps every complete line", async () => {
    const root = tempRoot();
    const writer = await ArchiveWriter.create(root, { fsync: false });
    const { segment } = await writer.append("logs", '{"a":1}');
    await writer.append("logs", '{"a":2}');
    await writer.shutdown();
    fs.appendFileSync(plainPath(root, segment), '{"a":3, "torn');
    const report = await recoverArchive(root);
    expect(report.tornBytes).toBe(13);
    expect(report.tails.logs?.lines).toBe(2);
    expect(await lines(root, segment)).toEqual(['{"a":1}', '{"a":2}']);
    const aside = fs.readdirSync(path.dirname(plainPath(root, segment))).filter((f) => f.includes(".torn-"));
    expect(aside).toHaveLength(1);
  });

  test("drops a half-written compression and a plain copy beside its frame", async () => {
    const root = tempRoot();
    const writer = await ArchiveWriter.create(root, { fsync: false, segmentBytes: 5 });
    const first = await writer.append("logs", '{"a":1}');
    await writer.append("logs", '{"a":2}');
    await writer.shutdown();
    // first segment is compressed; fake a crash between rename and unlink, and a stray tmp
    fs.writeFileSync(plainPath(root, first.segment), '{"a":1}\n');
    fs.writeFileSync(zstdPath(root, first.segment) + ".tmp", "garbage");
    await recoverArchive(root);
    expect(fs.existsSync(plainPath(root, first.segment))).toBe(false);
    expect(fs.existsSync(zstdPath(root, first.segment) + ".tmp")).toBe(false);
    expect(await lines(root, first.segment)).toEqual(['{"a":1}']);
  });
});
