import { describe, expect, test } from "vitest";
import { decodeBullmqId, encodeBullmqId, encodeBullmqQueueName } from "./bullmq-id.ts";

// BullMQ 6.7's QueueKeys (classes/queue-keys.js): the keys `<prefix>:<queue>:<name>` a job id must avoid.
const queueKeyNames = [
  "",
  "active",
  "wait",
  "waiting-children",
  "paused",
  "id",
  "delayed",
  "prioritized",
  "stalled-check",
  "completed",
  "failed",
  "stalled",
  "repeat",
  "limiter",
  "meta",
  "events",
  "pc",
  "marker",
  "de",
];

/** BullMQ 6.7's own check in Job.validateOptions (classes/job.js), plus no collision with a queue key. */
function bullmqAccepts(id: string): boolean {
  if (`${Number.parseInt(id, 10)}` === id || queueKeyNames.includes(id)) return false;
  return !id.includes(":") || id.split(":").length === 3;
}

/** Every string of length 0..maxLength over `alphabet`. */
function* strings(alphabet: readonly string[], maxLength: number): Generator<string> {
  let layer = [""];
  yield "";
  for (let length = 1; length <= maxLength; length++) {
    const next: string[] = [];
    for (const prefix of layer) for (const piece of alphabet) next.push(prefix + piece);
    yield* next;
    layer = next;
  }
}

describe("encodeBullmqId", () => {
  test.each([
    ["exec-1", "exec-1"],
    [
      "task:arn:aws:states:us-east-1:1:execution:m:e#3",
      "task%3Aarn%3Aaws%3Astates%3Aus-east-1%3A1%3Aexecution%3Am%3Ae#3",
    ],
    ["100%", "100%25"],
    ["%3A", "%253A"],
    ["42", "%342"],
    ["-7", "%2D7"],
    ["0", "%30"],
    ["NaN", "%4EaN"],
    ["007", "007"],
    ["4 2", "4 2"],
    ["1e3", "1e3"],
    ["ä:ö", "ä%3Aö"],
    ["active", "%61ctive"],
    ["stalled-check", "%73talled-check"],
    ["de", "%64e"],
    ["Active", "Active"],
    ["task-1", "task-1"],
  ])("%j → %j", (id, encoded) => {
    expect(encodeBullmqId(id)).toBe(encoded);
    expect(decodeBullmqId(encoded)).toBe(id);
  });

  test("every short string over a hostile alphabet round-trips and is accepted by BullMQ", () => {
    let checked = 0;
    for (const id of strings(["%", ":", "3", "A", "0", "-", "N", "a", " "], 4)) {
      if (id === "") continue;
      const encoded = encodeBullmqId(id);
      expect(bullmqAccepts(encoded), `${JSON.stringify(id)} → ${JSON.stringify(encoded)}`).toBe(true);
      expect(decodeBullmqId(encodeBullmqQueueName(id))).toBe(id);
      expect(decodeBullmqId(encoded)).toBe(id);
      checked++;
    }
    expect(checked).toBe(9 + 81 + 729 + 6561);
  });

  test("no queue key name of BullMQ survives encoding", () => {
    for (const name of queueKeyNames.filter((name) => name !== "")) {
      expect(queueKeyNames).not.toContain(encodeBullmqId(name));
      expect(decodeBullmqId(encodeBullmqId(name))).toBe(name);
    }
  });

  test("distinct ids never share an encoding", () => {
    const seen = new Map<string, string>();
    for (const id of strings(["%", ":", "2", "5", "3", "A"], 4)) {
      const encoded = encodeBullmqId(id);
      expect(seen.get(encoded) ?? id).toBe(id);
      seen.set(encoded, id);
    }
  });
});
