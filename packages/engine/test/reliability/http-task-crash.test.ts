import { afterAll, describe, expect, it } from "vitest";
import { createBullmqTaskQueue } from "../../src/adapters/bullmq-task-queue.ts";
import { createPgSqlClient } from "../../src/adapters/pg-sql-client.ts";
import { createEngine } from "../../src/engine/create-engine.ts";
import { freshDatabase, redisPrefix, serviceUrl, until } from "../../../../test/support/index.ts";
import { DrillProcess } from "../../../../test/support/drill-process.ts";
import { json, startHttpPeer } from "../../../../test/support/http-peer.ts";
import { drillEnvVars } from "./drill-env.ts";

const available = serviceUrl("DATABASE_URL") !== undefined && serviceUrl("REDIS_URL") !== undefined;

describe.skipIf(!available)(
  "HTTP Task across a crash (PostgreSQL + Redis, engine as a child process)",
  () => {
    const cleanups: (() => Promise<unknown>)[] = [];
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    });

    it("sends the request again when the engine making it is killed before the answer", async () => {
      // The first request is held open (the engine dies while it waits); the second is answered.
      let calls = 0;
      const peer = await startHttpPeer({
        "/charge": (request, res) => {
          if (++calls > 1) json(200, { charged: true, call: calls })(request, res);
        },
      });
      cleanups.push(() => peer.close());
      const database = await freshDatabase({ label: "http_crash" });
      cleanups.push(() => database.drop());
      const redis = await redisPrefix({ label: "http_crash" });
      cleanups.push(() => redis.cleanup());
      const prefix = redis.prefix.replace(/:$/, "");

      // This process only starts the execution; the child engine serves the HTTP Task and the results.
      const sql = createPgSqlClient({ url: database.url, max: 4 });
      const queue = createBullmqTaskQueue({ connection: serviceUrl("REDIS_URL")!, prefix });
      const engine = await createEngine({ sql, queue, background: false });
      cleanups.push(async () => {
        await engine.close();
        await queue.close();
        await sql.close();
      });
      const child = new DrillProcess(
        "engine",
        new URL("./engine-process.ts", import.meta.url),
        drillEnvVars({
          databaseUrl: database.url,
          redisUrl: serviceUrl("REDIS_URL")!,
          prefix,
          journalFromBytes: 0,
          lockDurationMs: 2000,
          stalledIntervalMs: 1000,
          sweepMs: 500,
          concurrency: 4,
        }),
      );
      cleanups.push(() => child.stop());
      await child.start();

      const { stateMachineArn } = await engine.stateMachines.create({
        name: "charge",
        roleArn: "arn:aws:iam::123456789012:role/test",
        definition: JSON.stringify({
          StartAt: "Charge",
          States: {
            Charge: {
              Type: "Task",
              Resource: "arn:aws:states:::http:invoke",
              Parameters: { ApiEndpoint: `${peer.url}/charge`, Method: "POST", RequestBody: { amount: 5 } },
              OutputPath: "$.ResponseBody",
              End: true,
            },
          },
        }),
      });
      const { executionArn } = await engine.executions.start({ stateMachineArn });
      await until(() => (peer.on("/charge").length === 1 ? true : undefined), "the first request", 20_000);
      await child.kill();
      await child.start();

      const done = await until(async () => {
        const d = await engine.executions.describe(executionArn);
        return d.status === "RUNNING" ? undefined : d;
      }, "the execution to end after the restart");
      expect(done).toMatchObject({ status: "SUCCEEDED", output: '{"charged":true,"call":2}' });
      expect(peer.on("/charge").map((r) => r.body)).toEqual(['{"amount":5}', '{"amount":5}']);
      const { events } = await engine.executions.history({ executionArn });
      expect(events.filter((e) => e.type === "TaskScheduled")).toHaveLength(1);
      expect(events.filter((e) => e.type === "TaskSucceeded")).toHaveLength(1);
    }, 120_000);
  },
);
