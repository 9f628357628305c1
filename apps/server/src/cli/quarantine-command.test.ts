import { createMemoryTaskQueue } from "@stepflow/engine";
import { afterAll, describe, expect, it } from "vitest";
import { quarantineCommand } from "./quarantine-command.ts";
import type { Output } from "./validate-command.ts";

const queue = createMemoryTaskQueue();
afterAll(() => queue.close());

async function run(positionals: string[], options: { limit?: string; offset?: string } = {}) {
  let text = "";
  const io: Output = { out: (t) => (text += t), err: (t) => (text += t) };
  const status = await quarantineCommand({ positionals, ...options }, queue, io);
  return { status, text };
}

describe("stepflow quarantine", () => {
  it("lists an empty quarantine", async () => {
    expect(await run(["list"])).toEqual({ status: 0, text: "0 quarantined tasks\n" });
  });

  it.each([
    [[], {}, "quarantine needs an action"],
    [["retry", "tok"], {}, 'unknown action "retry"'],
    [["list"], { limit: "0" }, "--limit must be an integer from 1 to 1000"],
    [["list"], { offset: "-1" }, "--offset must be a non-negative integer"],
    [["delete"], {}, "delete needs the task's token"],
    [["show", "a", "b"], {}, 'unexpected argument "b"'],
  ])("refuses %j %j with usage (exit 2)", async (positionals, options, why) => {
    const { status, text } = await run(positionals, options);
    expect(status).toBe(2);
    expect(text).toContain(why);
    expect(text).toContain("usage: stepflow quarantine list");
  });

  it("exits 1 for a token that is not quarantined", async () => {
    expect(await run(["delete", "nope"])).toEqual({
      status: 1,
      text: "no quarantined task has the token nope\n",
    });
  });
});
