import { parseJson } from "@stepflow/asl";
import { describe, expect, it } from "vitest";
import type { PutEventsRequestEntry } from "./put-events-entry.ts";
import { putEventsIntegration } from "./put-events-integration.ts";

describe("putEventsIntegration", () => {
  it("serialises an object Detail with its number lexemes", async () => {
    const sent: PutEventsRequestEntry[] = [];
    const integration = putEventsIntegration((entries) => {
      sent.push(...entries);
      return Promise.resolve({ FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: "e-1" })) });
    });
    await integration({
      executionArn: "arn:aws:states:us-east-1:123456789012:execution:m:x",
      stateName: "Put",
      token: "t-1",
      action: "putEvents",
      callback: false,
      input: parseJson(
        '{"Entries":[{"Source":"s","DetailType":"d","Detail":{"price":1.0,"id":12345678901234567890}}]}',
      ),
      signal: new AbortController().signal,
    });
    expect(sent[0]?.Detail).toBe('{"price":1.0,"id":12345678901234567890}');
  });
});
