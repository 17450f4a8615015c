// The shared ingest budget: refusals past the byte budget, and the waiting line gRPC reservations use.
import { expect, test } from "vitest";
import { IngestBudget } from "./budget";
import { IngestError } from "./errors";

const MiB = 2 ** 20;
const budget = (): IngestBudget =>
  new IngestBudget({ maxBytes: 64 * MiB, maxInflight: 8, maxBodyBytes: 32 * MiB });

test("a claim past the budget is refused at once as over-budget", () => {
  const shared = budget();
  shared.claim().grow(32 * MiB);
  expect(() => shared.claim().grow(32 * MiB)).toThrow(IngestError);
  expect(shared.usage.bytes).toBe(32 * MiB);
});

test("reservations wait in line and are granted in order as earlier ones shrink to their real size", async () => {
  const shared = budget();
  const claims = Array.from({ length: 8 }, () => shared.claim());
  const granted: number[] = [];
  const waits = claims.map((claim, i) =>
    claim.growWhenFree(32 * MiB, 60_000).then(() => {
      granted.push(i);
      claim.resize(64 * 1024); // the message arrived: it is small
    }),
  );
  await Promise.all(waits);
  expect(granted).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  expect(shared.usage.bytes).toBe(8 * 64 * 1024);
  for (const claim of claims) claim.release();
  expect(shared.usage.bytes).toBe(0);
});

test("a reservation that never finds room is refused after its wait, and a cancelled one gives its bytes back", async () => {
  const shared = budget();
  const holder = shared.claim();
  holder.grow(40 * MiB);
  const refused = shared.claim().growWhenFree(32 * MiB, 10);
  await expect(refused).rejects.toMatchObject({ kind: "over-budget" });

  const cancelled = shared.claim();
  const waiting = cancelled.growWhenFree(32 * MiB, 60_000);
  cancelled.release(); // the client went away while waiting
  holder.release(); // room again: the waiter is granted, sees it was cancelled, gives the bytes back
  await waiting;
  expect(shared.usage.bytes).toBe(0);
});
