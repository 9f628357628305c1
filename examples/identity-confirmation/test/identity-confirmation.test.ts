import { randomUUID } from "node:crypto";
import { createEngine, type Engine } from "@stepflow/engine";
import { createEventBus, type EventBus } from "@stepflow/events";
import { Worker } from "@stepflow/worker";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { doorOpenedEntry, openDoor } from "../src/door-event.ts";
import { createDoorHandlers, createDoorServices, type DoorServices } from "../src/handlers.ts";
import type { Notification } from "../src/notifications.ts";
import { setup, type IdentityConfirmationExample } from "../src/setup.ts";
import { backends, until, type Backend } from "./support/backends.ts";

interface HistoryEvent {
  type: string;
  stateEnteredEventDetails?: { name: string };
  lambdaFunctionFailedEventDetails?: { error?: string; cause?: string };
}

describe.each(backends.filter((b) => b.available))("identity confirmation on $name", (b) => {
  let backend: Backend;
  let engine: Engine;
  let bus: EventBus;
  let example: IdentityConfirmationExample;
  let services: DoorServices;
  let worker: Worker;

  beforeAll(async () => {
    backend = await b.open();
    engine = await createEngine({ sql: backend.sql, queue: backend.queue });
    bus = await createEventBus({ sql: backend.sql, queue: backend.queue, engine });
    example = await setup({ engine, bus, queue: backend.queue });
    services = createDoorServices();
    worker = new Worker({ queue: backend.queue, handlers: createDoorHandlers(services), concurrency: 8 });
    await worker.start();
  });

  afterAll(async () => {
    await worker?.close();
    await example?.close();
    await bus?.close();
    await engine?.close();
    await backend?.close();
  });

  /** The workflow runs started for door event `eventId`, waited for until `count` have ended. */
  async function runsOf(eventId: string, count = 1) {
    return until(async () => {
      const mine = await runsWhere((input) => input.eventId === eventId);
      if (mine.length < count || mine.some((e) => e.status === "RUNNING")) return undefined;
      return Promise.all(
        mine.map(async (execution) => {
          const { events } = await engine.executions.history({
            executionArn: execution.executionArn,
            maxResults: 1000,
          });
          const history = events as unknown as HistoryEvent[];
          const entered = history
            .filter((e) => e.stateEnteredEventDetails)
            .map((e) => e.stateEnteredEventDetails!.name);
          return { execution, history, entered };
        }),
      );
    }, `the workflow of door event ${eventId}`);
  }

  /** The executions of identity-confirmation whose input passes `test`. */
  async function runsWhere(test: (input: { eventId: string; door: { personId?: string } }) => boolean) {
    const stateMachineArn = engine.arns.stateMachine("identity-confirmation");
    const listed = await engine.executions.list({ stateMachineArn, maxResults: 1000 });
    const described = await Promise.all(
      (listed.executions as { executionArn: string }[]).map((e) =>
        engine.executions.describe(e.executionArn),
      ),
    );
    return described.filter((e) =>
      test(JSON.parse(e.input) as { eventId: string; door: { personId?: string } }),
    );
  }

  /** The notifications that reached the phone about door event `eventId` (directly or through an alert). */
  const notificationsOf = (eventId: string): Notification[] =>
    example.phone.notifications.filter((n) => n.eventId === eventId || n.doorEventId === eventId);

  async function notified(eventId: string, count: number): Promise<Notification[]> {
    return until(() => {
      const found = notificationsOf(eventId);
      return found.length >= count ? found : undefined;
    }, `${count} notification(s) about ${eventId}`);
  }

  test.concurrent(
    "a resident is recognised and their entry recorded; the phone is told the door opened",
    async () => {
      const { eventId } = await openDoor(bus, "alice");
      const [run] = await runsOf(eventId);
      expect(run!.execution.status).toBe("SUCCEEDED");
      expect(run!.entered).toEqual(["IdentifyPerson", "IsRecognised", "RecordEntry", "EntryRecorded"]);
      expect(JSON.parse(run!.execution.output!)).toEqual({
        outcome: "recognised",
        personId: "alice",
        name: "Alice Liddell",
        entryId: `entry-${eventId}`,
      });
      expect(services.entries.filter((e) => e.doorEventId === eventId)).toEqual([
        {
          entryId: `entry-${eventId}`,
          personId: "alice",
          name: "Alice Liddell",
          doorEventId: eventId,
          time: expect.any(String) as string,
        },
      ]);
      const [notification] = await notified(eventId, 1);
      expect(notification).toMatchObject({
        kind: "door-opened",
        title: "Front door opened",
        eventId,
        personId: "alice",
      });
      // Give a stray alert time to arrive: a resident raises none.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(notificationsOf(eventId)).toHaveLength(1);
    },
  );

  test.concurrent(
    "an unknown person raises UnrecognizedPerson, which the phone gets as an alert",
    async () => {
      const { eventId } = await openDoor(bus, "mallory");
      const [run] = await runsOf(eventId);
      expect(run!.execution.status).toBe("SUCCEEDED");
      expect(run!.entered).toEqual([
        "IdentifyPerson",
        "IsRecognised",
        "PublishUnrecognizedPerson",
        "AlertSent",
      ]);
      expect(JSON.parse(run!.execution.output!)).toEqual({
        outcome: "unrecognised",
        personId: "mallory",
        reason: "mallory is not a resident",
      });
      const notifications = await notified(eventId, 2);
      expect(notifications.map((n) => n.kind).sort()).toEqual(["door-opened", "unrecognized-person"]);
      const alert = notifications.find((n) => n.kind === "unrecognized-person")!;
      expect(alert).toMatchObject({
        title: "Unrecognised person at the front door",
        doorEventId: eventId,
        personId: "mallory",
        reason: "mallory is not a resident",
      });
      expect(alert.eventId).not.toBe(eventId);
      expect(services.entries.some((e) => e.doorEventId === eventId)).toBe(false);
    },
  );

  test.concurrent("a door opened by no one the camera could match is an unknown person too", async () => {
    const { eventId } = await openDoor(bus, undefined);
    const [run] = await runsOf(eventId);
    expect(JSON.parse(run!.execution.output!)).toEqual({
      outcome: "unrecognised",
      personId: null,
      reason: "no face matched anyone the door knows",
    });
    const notifications = await notified(eventId, 2);
    expect(notifications.find((n) => n.kind === "door-opened")!.personId).toBeNull();
  });

  test.concurrent(
    "an identification error is caught, published as IdentificationFailed, and the phone is alerted",
    async () => {
      const { eventId } = await openDoor(bus, "blurred");
      const [run] = await runsOf(eventId);
      expect(run!.execution.status).toBe("FAILED");
      expect(run!.execution.error).toBe("IdentificationError");
      expect(run!.execution.cause).toBe(
        "the recognition model could not read a face in the camera image (image too blurred)",
      );
      expect(run!.entered).toEqual(["IdentifyPerson", "PublishIdentificationFailed", "IdentificationFailed"]);
      expect(
        run!.history.find((e) => e.type === "LambdaFunctionFailed")!.lambdaFunctionFailedEventDetails!.error,
      ).toBe("IdentificationError");
      const notifications = await notified(eventId, 2);
      expect(notifications.find((n) => n.kind === "identification-failed")).toMatchObject({
        title: "Could not identify who opened the front door",
        doorEventId: eventId,
        error: "IdentificationError",
        cause: "the recognition model could not read a face in the camera image (image too blurred)",
      });
    },
  );

  test.concurrent(
    "the same door event sent twice with one idempotency-key opens one workflow and one notification",
    async () => {
      // Only this test opens the door for bob, so everything about bob comes from here.
      const key = `door-${randomUUID()}`;
      const first = await openDoor(bus, "bob", key);
      // The second copy goes the way a device would send it: a plain PutEvents with the same entry.
      const again = await bus.putEvents({ Entries: [doorOpenedEntry("bob", key)] });
      expect(again.FailedEntryCount).toBe(0);
      expect(again.Entries[0]!.EventId).toBe(first.eventId);
      await runsOf(first.eventId);
      await notified(first.eventId, 1);
      // Had the second copy gone through, its workflow and notification would have arrived by now.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const bobs = await runsWhere((input) => input.door.personId === "bob");
      expect(bobs.map((e) => e.status)).toEqual(["SUCCEEDED"]);
      expect(example.phone.notifications.filter((n) => n.personId === "bob")).toHaveLength(1);
      expect(services.entries.filter((e) => e.personId === "bob")).toHaveLength(1);
      // A different key is a different opening.
      const other = await openDoor(bus, "bob", `${key}-later`);
      expect(other.eventId).not.toBe(first.eventId);
      await notified(other.eventId, 1);
      await runsOf(other.eventId);
      expect(await runsWhere((input) => input.door.personId === "bob")).toHaveLength(2);
    },
  );
});
