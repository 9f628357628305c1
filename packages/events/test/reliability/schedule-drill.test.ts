import { afterAll, describe, expect, it } from "vitest";
import { createBullmqTaskQueue, createPgSqlClient, type QueueConsumer } from "@stepflow/engine";
import {
  DrillProcess,
  freshDatabase,
  redisPrefix,
  seededRandom,
  serviceUrl,
} from "../../../../test/support/index.ts";
import { createEventBus } from "../../src/index.ts";
import { until } from "../support/backends.ts";
import { clockEnv, virtualClock, type VirtualClockSettings } from "../support/virtual-clock.ts";

// Sizes: DRILL_KILLS (kill -9 in all, 8), DRILL_SEED (the kill schedule), DRILL_RULES (60).
const kills = Number(process.env["DRILL_KILLS"] ?? 8);
const seed = Number(process.env["DRILL_SEED"] ?? Math.floor(Math.random() * 1e9));
const ruleCount = Number(process.env["DRILL_RULES"] ?? 60);
const available = serviceUrl("DATABASE_URL") !== undefined && serviceUrl("REDIS_URL") !== undefined;

const MINUTE = 60_000;
// One virtual minute every 6 real seconds: a rate(1 minute) rule ticks every 6 s. Each live process polls
// every 100 ms (1 virtual second), far inside a period, so the survivor of a kill fires every tick even on
// a loaded machine.
const SPEED = 10;
const POLL_MS = 100;
const QUEUE = "schedule-drill";

interface FiredEvent {
  id: string;
  time: string;
  resources: string[];
}

/**
 * Issue 6's kill -9 acceptance for scheduled rules: two bus processes fire the same rate(1 minute) rules
 * from one PostgreSQL database (one transaction per tick, FOR NO KEY UPDATE SKIP LOCKED) while one of them
 * is killed with SIGKILL at random moments and started again. Every tick due while the drill ran must fire
 * exactly once (one event per rule and tick, none lost, none doubled) and reach the rule's target.
 */
describe.skipIf(!available)("scheduled rules drill: two bus processes, kill -9 at random moments", () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it(`every tick of ${ruleCount} rate(1 minute) rules fires exactly once through ${kills} kill -9 of a bus process`, async () => {
    const database = await freshDatabase({ label: "schedule_drill" });
    cleanups.push(() => database.drop());
    const redis = await redisPrefix({ label: "schedule_drill" });
    cleanups.push(() => redis.cleanup());
    const prefix = redis.prefix.replace(/:$/, "");
    const sql = createPgSqlClient({ url: database.url, max: 5 });
    cleanups.push(() => sql.close());
    const queue = createBullmqTaskQueue({ connection: redis.url, prefix });
    cleanups.push(() => queue.close());
    const clock: VirtualClockSettings = {
      realOrigin: Date.now(),
      virtualOrigin: Date.UTC(2030, 0, 7, 10, 0, 0),
      speed: SPEED,
    };
    const now = virtualClock(clock);

    const env = {
      DRILL_DATABASE_URL: database.url,
      DRILL_REDIS_URL: redis.url,
      DRILL_PREFIX: prefix,
      DRILL_POLL_MS: String(POLL_MS),
      ...clockEnv(clock),
    };
    const script = new URL("./schedule-drill-child.ts", import.meta.url);
    const processes = [new DrillProcess("bus-a", script, env), new DrillProcess("bus-b", script, env)];
    cleanups.push(() => Promise.all(processes.map((p) => p.kill())));
    await Promise.all(processes.map((p) => p.start()));

    // Rules are created once both processes poll, so every tick from the first is due while one runs.
    // This process only creates the rules (and disables them at the end); the children fire them.
    const bus = await createEventBus({ sql, queue, now, background: false });
    cleanups.push(() => bus.close());
    const ruleArns: string[] = [];
    const firstDue: { arn: string; due_ms: number }[] = [];
    for (let n = 0; n < ruleCount; n++) {
      // Enabled only once it has its target, so its first tick is never fired without one.
      const name = `tick-${n}`;
      const { RuleArn } = await bus.putRule({
        Name: name,
        ScheduleExpression: "rate(1 minute)",
        State: "DISABLED",
      });
      await bus.putTargets({ Rule: name, Targets: [{ Id: "q", Arn: bus.arns.queue(QUEUE) }] });
      await bus.enableRule({ Name: name });
      // Read at once, before a process can fire it. Rules enabled at different virtual moments keep
      // different phases, so fires spread over the period.
      const { rows } = await sql.query<{ due_ms: number }>(
        "SELECT (extract(epoch FROM next_due_at) * 1000)::float8 AS due_ms FROM event_rules WHERE arn = $1",
        [RuleArn],
      );
      ruleArns.push(RuleArn);
      firstDue.push({ arn: RuleArn, due_ms: rows[0]!.due_ms });
    }
    // The scheduled events as the target receives them, by event id: a delivery may come twice (at least
    // once), a fire must not (two ids for one rule and tick).
    const received = new Map<string, FiredEvent>();
    let consumer: QueueConsumer | undefined = queue.consume(QUEUE, (job) => {
      const event = job.data as unknown as FiredEvent;
      received.set(event.id, event);
      return Promise.resolve();
    });
    cleanups.push(() => consumer?.close() ?? Promise.resolve());

    // Kill one of the two at a random moment, keep it down a random while, start it again; the other one
    // keeps firing meanwhile.
    const random = seededRandom(seed);
    const log: string[] = [];
    const virtualMinute = (at: Date) => ((at.getTime() - clock.virtualOrigin) / MINUTE).toFixed(2);
    for (let k = 0; k < kills; k++) {
      const victim = processes[Math.floor(random() * processes.length)]!;
      await sleep(300 + random() * 2700);
      await victim.kill();
      log.push(`minute ${virtualMinute(now())}: kill ${victim.label}`);
      await sleep(100 + random() * 1000);
      await victim.start();
    }
    // Both run for two more periods; then the rules stop, and every delivery finishes.
    await sleep((2 * MINUTE) / SPEED);
    for (let n = 0; n < ruleCount; n++) await bus.disableRule({ Name: `tick-${n}` });
    const stoppedAt = now().getTime();
    await until(
      async () => {
        const { rows } = await sql.query<{ n: string }>("SELECT count(*) AS n FROM event_deliveries");
        return Number(rows[0]!.n) === 0 ? true : undefined;
      },
      "every delivery to be done",
      60_000,
    );

    // The events table keeps the id of every event the bus accepted, fired ticks included.
    const { rows } = await sql.query<{ id: string }>("SELECT id::text AS id FROM events");
    await until(
      () => (rows.every((row) => received.has(row.id)) ? true : undefined),
      "every fired event at the target",
      30_000,
    ).catch(() => undefined);
    const problems: string[] = [];
    for (const { id } of rows) {
      if (!received.has(id)) problems.push(`event ${id} never reached the queue target`);
    }
    const fired = [...received.values()];
    // Event times are whole seconds, as EventBridge writes them.
    const eventTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
    const firedOf = new Map<string, Map<string, number>>(ruleArns.map((arn) => [arn, new Map()]));
    for (const event of fired) {
      const times = firedOf.get(event.resources[0]!);
      times?.set(event.time, (times.get(event.time) ?? 0) + 1);
    }
    for (const { arn, due_ms: first } of firstDue) {
      const ticks = new Set<string>();
      for (let tick = first; tick <= stoppedAt; tick += MINUTE) ticks.add(eventTime(tick));
      for (const [time, count] of firedOf.get(arn)!) {
        if (count > 1) problems.push(`${arn} fired ${time} ${count} times`);
        if (!ticks.has(time)) problems.push(`${arn} fired ${time}, not one of its ticks`);
      }
      // Every tick due before the rules were disabled (less half a period of slack) fired.
      for (let tick = first; tick <= stoppedAt - MINUTE / 2; tick += MINUTE) {
        if (!firedOf.get(arn)!.has(eventTime(tick))) problems.push(`${arn} lost its tick ${eventTime(tick)}`);
      }
    }
    await consumer.close();
    consumer = undefined;
    await Promise.all(processes.map((p) => p.stop()));
    const summary =
      `schedule drill seed=${seed}: ${fired.length} ticks fired of ${ruleCount} rules over ${virtualMinute(new Date(stoppedAt))} virtual minutes; ` +
      `bus-a started ${processes[0]!.starts}×, bus-b ${processes[1]!.starts}×\n  ${log.join("\n  ")}`;
    console.log(summary);
    expect(problems.slice(0, 20), summary).toEqual([]);
    expect(processes.reduce((sum, p) => sum + p.kills, 0)).toBe(kills);
    // Enough ticks to mean something: each rule fired through the whole drill.
    expect(fired.length).toBeGreaterThanOrEqual(ruleCount * 5);
    expect(fired.length).toBe(rows.length);
  }, 300_000);
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
