// A worker process as a user deploys one (for cli-no-redis.test.ts): `runWorkerProcess` takes its tasks from
// the queue the environment names, runs handler `echo`, and stops on SIGTERM.
import process from "node:process";
import { runWorkerProcess } from "@stepflow/worker";

const running = await runWorkerProcess({
  handlers: { echo: (input: unknown) => ({ echoed: input, pid: process.pid }) },
});
if (running === undefined) process.exit(2);
process.stdout.write("ready\n");
