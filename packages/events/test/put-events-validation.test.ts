import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  createMemoryTaskQueue,
  createPgliteSqlClient,
  type SqlClient,
  type TaskQueue,
} from "@stepflow/engine";
import { createEventBus, EventsError, type EventBus, type PutEventsRequestEntry } from "../src/index.ts";

const ok: PutEventsRequestEntry = { Source: "shop", DetailType: "OrderPlaced", Detail: '{"id": 1}' };

describe("PutEvents validation", () => {
  let sql: SqlClient;
  let queue: TaskQueue;
  let bus: EventBus;
  beforeAll(async () => {
    sql = await createPgliteSqlClient({});
    queue = createMemoryTaskQueue();
    bus = await createEventBus({ sql, queue, background: false });
  });
  afterAll(async () => {
    await bus.close();
    await queue.close();
    await sql.close();
  });

  test.each<[string, PutEventsRequestEntry, { ErrorCode: string; ErrorMessage: string } | undefined]>([
    ["a valid entry", ok, undefined],
    [
      "no Source",
      { DetailType: "t", Detail: "{}" },
      {
        ErrorCode: "InvalidArgument",
        ErrorMessage: "Parameter Source is not valid. Reason: Source is a required argument.",
      },
    ],
    [
      "an empty Source",
      { Source: "", DetailType: "t", Detail: "{}" },
      {
        ErrorCode: "InvalidArgument",
        ErrorMessage: "Parameter Source is not valid. Reason: Source is a required argument.",
      },
    ],
    [
      "no DetailType",
      { Source: "s", Detail: "{}" },
      {
        ErrorCode: "InvalidArgument",
        ErrorMessage: "Parameter DetailType is not valid. Reason: DetailType is a required argument.",
      },
    ],
    [
      "no Detail",
      { Source: "s", DetailType: "t" },
      {
        ErrorCode: "InvalidArgument",
        ErrorMessage: "Parameter Detail is not valid. Reason: Detail is a required argument.",
      },
    ],
    [
      "Detail not JSON",
      { ...ok, Detail: "{nope" },
      { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." },
    ],
    [
      "Detail an array",
      { ...ok, Detail: "[1]" },
      { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." },
    ],
    [
      "Detail a string",
      { ...ok, Detail: '"x"' },
      { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." },
    ],
    [
      "an aws. source",
      { ...ok, Source: "aws.states" },
      { ErrorCode: "NotAuthorizedForSourceException", ErrorMessage: "Not authorized for the source." },
    ],
    ["a bus that does not exist (acknowledged, dropped)", { ...ok, EventBusName: "nowhere" }, undefined],
    [
      "a bus ARN",
      { ...ok, EventBusName: "arn:aws:events:us-east-1:123456789012:event-bus/default" },
      undefined,
    ],
    ["a Time", { ...ok, Time: new Date("2024-05-06T07:08:09.123Z") }, undefined],
  ])("%s", async (_name, entry, error) => {
    const response = await bus.putEvents({ Entries: [entry] });
    if (error === undefined) {
      expect(response.FailedEntryCount).toBe(0);
      expect(response.Entries[0]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
    } else {
      expect(response).toEqual({ FailedEntryCount: 1, Entries: [error] });
    }
  });

  test("mixed entries keep their order and count the failures", async () => {
    const response = await bus.putEvents({ Entries: [ok, { Source: "s" }, ok] });
    expect(response.FailedEntryCount).toBe(1);
    expect(response.Entries.map((e) => e.EventId === undefined)).toEqual([false, true, false]);
  });

  test.each([
    ["no entries", [], /Member must have length greater than or equal to 1/],
    [
      "11 entries",
      Array.from({ length: 11 }, () => ok),
      /at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10/,
    ],
    [
      "more than 256 KiB in all",
      [
        { ...ok, Detail: JSON.stringify({ x: "a".repeat(200_000) }) },
        { ...ok, Detail: JSON.stringify({ x: "a".repeat(70_000) }) },
      ],
      /^Total size of the entries in the request is over the limit\.$/,
    ],
  ])("rejects the request with %s", async (_name, entries, message) => {
    const error = await bus.putEvents({ Entries: entries }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventsError);
    expect((error as EventsError).code).toBe("ValidationException");
    expect((error as EventsError).message).toMatch(message);
  });

  test("256 KiB in all is accepted, one byte more is not", async () => {
    // Source "s" + DetailType "t" + Detail {"x":"aaa…"} (8 bytes around the letters)
    const entry = (letters: number) => ({
      Source: "s",
      DetailType: "t",
      Detail: `{"x":"${"a".repeat(letters)}"}`,
    });
    const exact = 256 * 1024 - 2 - 8;
    expect((await bus.putEvents({ Entries: [entry(exact)] })).FailedEntryCount).toBe(0);
    await expect(bus.putEvents({ Entries: [entry(exact + 1)] })).rejects.toThrow(/over the limit/);
  });
});
