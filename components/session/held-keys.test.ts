// The rules for keys typed while the session view moves: they wait for the session they were meant for.
import { beforeEach, describe, expect, test } from "vitest";
import { cancelHold, holdKey, isHolding, requeue, retargetHold, startHold, takeHeldKeys } from "./held-keys";

describe("held keys", () => {
  beforeEach(() => {
    cancelHold();
  });

  test("keys typed after ] wait until the next session shows, and never go to the one being left", () => {
    startHold("a");
    holdKey("g");
    holdKey("b");
    expect(takeHeldKeys("a")).toEqual({ keys: [], dropped: [] }); // the old view, still mounted
    retargetHold("b-session");
    expect(takeHeldKeys("a")).toEqual({ keys: [], dropped: [] });
    expect(takeHeldKeys("b-session")).toEqual({ keys: ["g", "b"], dropped: [] });
    expect(isHolding()).toBe(false);
    expect(takeHeldKeys("b-session")).toEqual({ keys: [], dropped: [] });
  });

  test("a move within the session (u to one of its turns) replays the keys there", () => {
    startHold("a");
    holdKey("g");
    retargetHold("a");
    expect(takeHeldKeys("a")).toEqual({ keys: ["g"], dropped: [] });
  });

  test("keys typed while a session first loads (no move) replay once it shows", () => {
    holdKey("j");
    holdKey("g");
    expect(takeHeldKeys("a")).toEqual({ keys: ["j", "g"], dropped: [] });
  });

  test("keys meant for another session are dropped, and reported", () => {
    startHold("a", "b");
    holdKey("g");
    expect(takeHeldKeys("c")).toEqual({ keys: [], dropped: ["g"] });
  });

  test("a move that did not happen returns its keys to be reported", () => {
    startHold("a");
    holdKey("g");
    expect(cancelHold()).toEqual(["g"]);
    expect(isHolding()).toBe(false);
  });

  test("keys after a replayed ] wait for the session after that", () => {
    startHold("b");
    requeue(["g", "b"]);
    holdKey("x");
    retargetHold("c");
    expect(takeHeldKeys("c").keys).toEqual(["g", "b", "x"]);
  });
});
