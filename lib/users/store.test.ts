import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { personByCookie, personByToken, personCookieValue } from "./identity";
import { addUser, hashToken, readUsers, readUsersFile, removeUser, usersPath } from "./store";

const dirs: string[] = [];
const dataDir = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracemark-users-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("users journal", () => {
  it("stores only the token's hash and replays add, replace and remove", () => {
    const dir = dataDir();
    const first = addUser(dir, "ann");
    expect(fs.readFileSync(usersPath(dir), "utf8")).not.toContain(first);
    expect(readUsersFile(dir).people.get("ann")?.tokenHash).toBe(hashToken(first));
    expect(() => addUser(dir, "ann")).toThrow(/already has a token/);
    const second = addUser(dir, "ann", { replace: true });
    expect(personByToken(dir, first)).toBeNull();
    expect(personByToken(dir, second)?.name).toBe("ann");
    removeUser(dir, "ann");
    expect(readUsers(dir).people.size).toBe(0);
    expect(() => removeUser(dir, "ann")).toThrow(/no person named ann/);
  });

  it("refuses names that are not names", () => {
    const dir = dataDir();
    for (const name of ["", "Ann", "a b", "-ann", "all", "majority", "x".repeat(41), "ann\n"])
      expect(() => addUser(dir, name), JSON.stringify(name)).toThrow();
    expect(fs.existsSync(usersPath(dir))).toBe(false);
  });

  it("skips damaged lines and a torn tail, and appends after a torn tail on a line of its own", () => {
    const dir = dataDir();
    addUser(dir, "ann");
    fs.appendFileSync(
      usersPath(dir),
      'not json\n{"v":1,"op":"add","name":"Bad Name","token_sha256":"00","at":1}\n{"v":1,"op"',
    );
    const reading = readUsersFile(dir);
    expect([...reading.people.keys()]).toEqual(["ann"]);
    expect(reading.damagedLines).toEqual([2, 3]);
    const token = addUser(dir, "bob");
    expect(personByToken(dir, token)?.name).toBe("bob");
    expect(readUsersFile(dir).damagedLines).toEqual([2, 3, 4]);
  });
});

describe("login cookies", () => {
  it("name their person and stop working when the person goes or gets a new token", () => {
    const dir = dataDir();
    addUser(dir, "ann");
    const person = readUsers(dir).people.get("ann")!;
    const cookie = personCookieValue(person);
    expect(personByCookie(dir, cookie)?.name).toBe("ann");
    for (const forged of [
      cookie.replace("ann.", "bob."),
      `ann.${"0".repeat(64)}`,
      "ann",
      ".",
      "x".repeat(500),
    ])
      expect(personByCookie(dir, forged), forged.slice(0, 20)).toBeNull();
    addUser(dir, "ann", { replace: true });
    expect(personByCookie(dir, cookie)).toBeNull();
  });
});
