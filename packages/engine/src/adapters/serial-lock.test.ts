import { expect, test } from "vitest";
import { createSerialLock } from "./serial-lock.ts";

test("sections run one at a time, in request order, whether they resolve or throw", async () => {
  const lock = createSerialLock();
  const log: string[] = [];
  const section = (name: string, ms: number, fail = false) =>
    lock.run(async () => {
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    });
  const results = await Promise.allSettled([section("a", 20), section("b", 1, true), section("c", 5)]);
  expect(
    results.map((result) => (result.status === "fulfilled" ? result.value : String(result.reason))),
  ).toEqual(["a", "Error: b", "c"]);
  expect(log).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
});
