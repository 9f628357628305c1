import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { createEngine, type Engine, type QueueConsumer, type QueueJob } from "@stepflow/engine";
import { createEventBus, type EventBus } from "../src/index.ts";
import { backends, until, type Backend } from "./support/backends.ts";

const roleArn = "arn:aws:iam::123456789012:role/test";
const passThrough = JSON.stringify({ StartAt: "Done", States: { Done: { Type: "Pass", End: true } } });
const MINUTE = 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface ScheduledEventShape {
  id: string;
  time: string;
  resources: string[];
}

for (const backend of backends) {
  describe.skipIf(!backend.available)(`scheduled rules on ${backend.name}`, () => {
    let b: Backend;
    let engine: Engine;
    let bus: EventBus;
    /** The manual clock every bus of this suite schedules with. */
    let clock = new Date("2030-01-07T10:00:00.000Z");
    const now = () => clock;
    const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));
    const consumers: QueueConsumer[] = [];
    const extraBuses: EventBus[] = [];
    const rules: string[] = [];

    /** Collects what the worker queue `name` receives. */
    function collect(name: string): QueueJob[] {
      const received: QueueJob[] = [];
      consumers.push(b.queue.consume(name, (job) => Promise.resolve(void received.push(job))));
      return received;
    }

    /** A scheduled rule on the default bus with one worker-queue target; deleted after the test. */
    async function scheduledRule(name: string, expression: string, queue: string, state?: "DISABLED") {
      rules.push(name);
      const { RuleArn } = await bus.putRule({
        Name: name,
        ScheduleExpression: expression,
        ...(state ? { State: state } : {}),
      });
      await bus.putTargets({ Rule: name, Targets: [{ Id: "q", Arn: bus.arns.queue(queue) }] });
      return RuleArn;
    }

    /** A bus on the same database and queue, as another process would run it. */
    async function anotherBus(options: { background?: boolean; schedulePollMs?: number } = {}) {
      const other = await createEventBus({ sql: b.sql, queue: b.queue, engine, now, ...options });
      extraBuses.push(other);
      return other;
    }

    const events = (jobs: QueueJob[]) => jobs.map((job) => job.data as unknown as ScheduledEventShape);
    const received = (jobs: QueueJob[], count: number) =>
      until(() => (jobs.length >= count ? events(jobs) : undefined), `${count} scheduled events`);

    beforeAll(async () => {
      b = await backend.open();
      engine = await createEngine({ sql: b.sql, queue: b.queue, sweepMs: 200 });
      bus = await createEventBus({
        sql: b.sql,
        queue: b.queue,
        engine,
        backoff: { baseDelayMs: 20, maxDelayMs: 100 },
        sweepMs: 200,
        // Ticks are fired by the tests (fireDueSchedules) unless a test starts a polling bus of its own.
        schedulePollMs: 3_600_000,
        now,
      });
    });

    afterEach(async () => {
      for (const name of rules.splice(0)) await bus.deleteRule({ Name: name, Force: true });
      for (const other of extraBuses.splice(0)) await other.close();
    });

    afterAll(async () => {
      for (const consumer of consumers) await consumer.close();
      await bus?.close();
      await engine?.close();
      await b?.close();
    });

    test("a rate(1 minute) rule sends a Scheduled Event to its worker queue at each tick", async () => {
      const jobs = collect("every-minute-q");
      const created = clock;
      const ruleArn = await scheduledRule("every-minute", "rate(1 minute)", "every-minute-q");
      expect(ruleArn).toBe("arn:aws:events:us-east-1:123456789012:rule/every-minute");

      advance(MINUTE - 1);
      expect(await bus.fireDueSchedules()).toBe(0);
      advance(1);
      expect(await bus.fireDueSchedules()).toBe(1);
      const [first] = await received(jobs, 1);
      expect(first!.id).toMatch(UUID);
      expect(first).toEqual({
        version: "0",
        id: first!.id,
        "detail-type": "Scheduled Event",
        source: "aws.events",
        account: "123456789012",
        time: new Date(created.getTime() + MINUTE).toISOString().replace(/\.\d{3}Z$/, "Z"),
        region: "us-east-1",
        resources: [ruleArn],
        detail: {},
      });

      advance(MINUTE);
      expect(await bus.fireDueSchedules()).toBe(1);
      expect(await bus.fireDueSchedules()).toBe(0);
      const [, second] = await received(jobs, 2);
      expect(second!.time).toBe("2030-01-07T10:02:00Z");
      expect(second!.id).not.toBe(first!.id);
      expect(await bus.describeRule({ Name: "every-minute" })).toMatchObject({
        ScheduleExpression: "rate(1 minute)",
        State: "ENABLED",
      });
    });

    test("a cron rule starts a state machine at the matching UTC minute, through the input transformer", async () => {
      const { stateMachineArn } = await engine.stateMachines.create({
        name: "at-noon",
        definition: passThrough,
        roleArn,
      });
      clock = new Date("2030-01-08T11:00:00.000Z");
      rules.push("noon");
      const { RuleArn } = await bus.putRule({ Name: "noon", ScheduleExpression: "cron(0 12 * * ? *)" });
      await bus.putTargets({
        Rule: "noon",
        Targets: [
          {
            Id: "flow",
            Arn: stateMachineArn,
            InputTransformer: {
              InputPathsMap: { at: "$.time", kind: "$.detail-type" },
              InputTemplate:
                '{"at": <at>, "kind": <kind>, "rule": "<aws.events.rule-name>", "arn": "<aws.events.rule-arn>", "ingested": "<aws.events.event.ingestion-time>"}',
            },
          },
        ],
      });
      clock = new Date("2030-01-08T11:59:59.999Z");
      expect(await bus.fireDueSchedules()).toBe(0);
      clock = new Date("2030-01-08T12:00:03.000Z");
      expect(await bus.fireDueSchedules()).toBe(1);
      const executions = await until(async () => {
        const list = await engine.executions.list({ stateMachineArn });
        const found = list.executions as { executionArn: string }[];
        return found.length > 0 ? found : undefined;
      }, "the execution");
      expect(executions).toHaveLength(1);
      const described = await engine.executions.describe(executions[0]!.executionArn);
      expect(JSON.parse(described.input)).toEqual({
        at: "2030-01-08T12:00:00Z",
        kind: "Scheduled Event",
        rule: "noon",
        arn: RuleArn,
        ingested: "2030-01-08T12:00:03Z",
      });

      clock = new Date("2030-01-09T11:59:00.000Z");
      expect(await bus.fireDueSchedules()).toBe(0);
      clock = new Date("2030-01-09T12:00:00.000Z");
      expect(await bus.fireDueSchedules()).toBe(1);
      await until(async () => {
        const list = await engine.executions.list({ stateMachineArn });
        return list.executions.length === 2 ? true : undefined;
      }, "the second day's execution");
    });

    test("a tick whose target fails for good lands in the dead-letter store like any delivery", async () => {
      const missing = "arn:aws:states:us-east-1:123456789012:stateMachine:not-there";
      rules.push("doomed");
      const { RuleArn } = await bus.putRule({ Name: "doomed", ScheduleExpression: "rate(1 hour)" });
      await bus.putTargets({ Rule: "doomed", Targets: [{ Id: "gone", Arn: missing }] });
      advance(60 * MINUTE);
      expect(await bus.fireDueSchedules()).toBe(1);
      const dead = await until(async () => {
        const { DeadLetters } = await bus.listDeadLetters({ RuleArn });
        return DeadLetters.length > 0 ? DeadLetters : undefined;
      }, "the dead letter");
      expect(dead[0]).toMatchObject({ RuleArn, TargetId: "gone", TargetArn: missing });
      expect(JSON.parse(dead[0]!.Payload)).toMatchObject({ source: "aws.events", resources: [RuleArn] });
    });

    test("two bus processes on one database fire each tick exactly once", async () => {
      const jobs = collect("shared-q");
      const names = ["shared-1", "shared-2", "shared-3", "shared-4", "shared-5"];
      for (const name of names) await scheduledRule(name, "rate(1 minute)", "shared-q");
      const other = await anotherBus({ background: false });
      const ticks = 6;
      for (let tick = 0; tick < ticks; tick++) {
        advance(MINUTE);
        const fired = await Promise.all([
          bus.fireDueSchedules(),
          other.fireDueSchedules(),
          other.fireDueSchedules(),
          bus.fireDueSchedules(),
        ]);
        expect(fired.reduce((sum, n) => sum + n, 0)).toBe(names.length);
      }
      const delivered = await received(jobs, names.length * ticks);
      const keys = new Set(delivered.map((event) => `${event.resources[0]} ${event.time}`));
      expect(keys.size).toBe(names.length * ticks);
      // Nothing more arrives once the sweeper has had a chance to re-send anything it thinks was lost.
      await bus.sweep();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(jobs).toHaveLength(names.length * ticks);
    });

    test("disabled rules do not fire; enable, update and delete restart, keep or drop the schedule", async () => {
      const jobs = collect("paused-q");
      await scheduledRule("paused", "rate(1 minute)", "paused-q", "DISABLED");
      advance(5 * MINUTE);
      expect(await bus.fireDueSchedules()).toBe(0);

      // Enabling starts the rate afresh: first tick one period after EnableRule.
      await bus.enableRule({ Name: "paused" });
      const enabledAt = clock.getTime();
      advance(MINUTE - 1);
      expect(await bus.fireDueSchedules()).toBe(0);
      advance(1);
      expect(await bus.fireDueSchedules()).toBe(1);

      // Enabling an enabled rule, or re-putting it with the same expression, keeps its phase.
      advance(MINUTE / 2);
      await bus.enableRule({ Name: "paused" });
      await bus.putRule({
        Name: "paused",
        ScheduleExpression: "rate(1 minute)",
        Description: "same schedule",
      });
      advance(MINUTE / 2);
      expect(await bus.fireDueSchedules()).toBe(1);
      const times = (await received(jobs, 2)).map((event) => event.time);
      const at = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
      expect(times).toEqual([at(enabledAt + MINUTE), at(enabledAt + 2 * MINUTE)]);

      // A new expression starts over from the update.
      advance(10_000);
      await bus.putRule({ Name: "paused", ScheduleExpression: "rate(5 minutes)" });
      advance(5 * MINUTE - 1);
      expect(await bus.fireDueSchedules()).toBe(0);
      advance(1);
      expect(await bus.fireDueSchedules()).toBe(1);

      await bus.disableRule({ Name: "paused" });
      advance(60 * MINUTE);
      expect(await bus.fireDueSchedules()).toBe(0);

      // PutRule with a pattern only drops the schedule; so does deleting the rule.
      await bus.putRule({ Name: "paused", ScheduleExpression: "rate(1 minute)" });
      await bus.putRule({ Name: "paused", EventPattern: '{"source": ["nobody"]}' });
      advance(10 * MINUTE);
      expect(await bus.fireDueSchedules()).toBe(0);
      await bus.putRule({ Name: "paused", ScheduleExpression: "rate(1 minute)" });
      await bus.deleteRule({ Name: "paused", Force: true });
      advance(10 * MINUTE);
      expect(await bus.fireDueSchedules()).toBe(0);
      expect(jobs).toHaveLength(3);
    });

    test("after downtime a restarted process fires one catch-up tick per rule, then the next from now", async () => {
      const rateJobs = collect("catch-up-rate-q");
      const cronJobs = collect("catch-up-cron-q");
      clock = new Date("2030-02-01T08:00:30.000Z");
      await scheduledRule("catch-up-rate", "rate(1 minute)", "catch-up-rate-q");
      await scheduledRule("catch-up-cron", "cron(0 * * * ? *)", "catch-up-cron-q");

      // No process fires for ten and a half minutes (rate) / five hours (cron), then one starts polling.
      clock = new Date("2030-02-01T13:10:00.000Z");
      await anotherBus({ schedulePollMs: 20 });
      const [rateTick] = await received(rateJobs, 1);
      const [cronTick] = await received(cronJobs, 1);
      expect(rateTick!.time).toBe("2030-02-01T08:01:30Z");
      expect(cronTick!.time).toBe("2030-02-01T09:00:00Z");
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect([rateJobs.length, cronJobs.length]).toEqual([1, 1]);

      // Next ticks: the rate's next minute on its phase after now, the cron's next hour.
      clock = new Date("2030-02-01T13:10:30.000Z");
      expect((await received(rateJobs, 2))[1]!.time).toBe("2030-02-01T13:10:30Z");
      clock = new Date("2030-02-01T14:00:00.000Z");
      expect((await received(cronJobs, 2))[1]!.time).toBe("2030-02-01T14:00:00Z");
    });

    test("a rule stored without a due time (before schedules fired) is scheduled when a bus starts", async () => {
      const jobs = collect("legacy-q");
      await scheduledRule("legacy", "rate(1 minute)", "legacy-q");
      await b.sql.query("UPDATE event_rules SET next_due_at = NULL WHERE name = 'legacy'");
      advance(10 * MINUTE);
      expect(await bus.fireDueSchedules()).toBe(0);
      const startedAt = clock.getTime();
      await anotherBus({ background: false });
      advance(MINUTE);
      expect(await bus.fireDueSchedules()).toBe(1);
      const [tick] = await received(jobs, 1);
      expect(tick!.time).toBe(new Date(startedAt + MINUTE).toISOString().replace(/\.\d{3}Z$/, "Z"));

      // Re-putting or enabling such a rule schedules it too, without waiting for a restart.
      for (const restart of [
        () => bus.putRule({ Name: "legacy", ScheduleExpression: "rate(1 minute)" }),
        () => bus.enableRule({ Name: "legacy" }),
      ]) {
        await b.sql.query("UPDATE event_rules SET next_due_at = NULL WHERE name = 'legacy'");
        advance(10 * MINUTE);
        await restart();
        advance(MINUTE);
        expect(await bus.fireDueSchedules()).toBe(1);
      }
      await received(jobs, 3);
    });

    test("invalid schedule expressions are refused as before", async () => {
      for (const expression of ["rate(1 minutes)", "cron(0 12 ? * 8#2 *)", "cron(0 12 * * * *)"]) {
        await expect(bus.putRule({ Name: "bad", ScheduleExpression: expression })).rejects.toMatchObject({
          code: "ValidationException",
          message: "Parameter ScheduleExpression is not valid.",
        });
      }
    });
  });
}
