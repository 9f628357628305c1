// Distributed Map cost: one execution whose Map passes BENCH_ITEMS (5,000) items through a Pass state, with
// the items (a) in the input (an inline Map) and (b) read from a CSV object by an ItemReader, its results
// written by a ResultWriter (a Distributed Map), on the embedded deployment (PGlite, in-process queue,
// directory object store). Prints each round and the medians.
//   node --conditions=@stepflow/source --import tsx bench/distributed-map.ts
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createDirectoryObjectStore,
  createEngine,
  createMemoryTaskQueue,
  createPgliteSqlClient,
} from "../src/index.ts";

const items = Number(process.env["BENCH_ITEMS"] ?? 5000);
const rounds = Number(process.env["BENCH_ROUNDS"] ?? 3);
const root = await mkdtemp(join(tmpdir(), "stepflow-bench-objects-"));
await mkdir(join(root, "bench"));
const objects = createDirectoryObjectStore(root);
const sql = await createPgliteSqlClient({});
const queue = createMemoryTaskQueue();
const engine = await createEngine({ sql, queue, objects });
const processor = { StartAt: "P", States: { P: { Type: "Pass", End: true } } };
await objects.put(
  "bench",
  "items.csv",
  ["id,name", ...Array.from({ length: items }, (_, i) => `${i},n${i}`)].join("\n"),
);

async function machine(name: string, map: object): Promise<string> {
  const definition = { StartAt: "M", States: { M: { Type: "Map", End: true, ...map } } };
  const out = await engine.stateMachines.create({
    name,
    roleArn: "arn:aws:iam::123456789012:role/bench",
    definition: JSON.stringify(definition),
  });
  return out.stateMachineArn;
}

const inline = await machine("inline", {
  ItemsPath: "$.items",
  ItemProcessor: processor,
  ResultSelector: { "n.$": "States.ArrayLength($)" },
});
const distributed = await machine("distributed", {
  ItemReader: {
    Resource: "arn:aws:states:::s3:getObject",
    ReaderConfig: { InputType: "CSV", CSVHeaderLocation: "FIRST_ROW" },
    Parameters: { Bucket: "bench", Key: "items.csv" },
  },
  ItemProcessor: { ...processor, ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" } },
  ResultWriter: { Resource: "arn:aws:states:::s3:putObject", Parameters: { Bucket: "bench", Prefix: "out" } },
});
const input = JSON.stringify({
  items: Array.from({ length: items }, (_, i) => ({ id: String(i), name: `n${i}` })),
});

async function runMs(stateMachineArn: string, body: string): Promise<number> {
  const started = performance.now();
  const { executionArn } = await engine.executions.start({ stateMachineArn, input: body });
  for (;;) {
    const d = await engine.executions.describe(executionArn);
    if (d.status === "SUCCEEDED") return performance.now() - started;
    if (d.status !== "RUNNING") throw new Error(`${executionArn} ended ${d.status}: ${d.cause ?? ""}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const times = { inline: [] as number[], distributed: [] as number[] };
for (let round = 0; round < rounds; round++) {
  times.inline.push(await runMs(inline, input));
  times.distributed.push(await runMs(distributed, "{}"));
  console.log(
    `round ${round + 1}: inline ${times.inline.at(-1)!.toFixed(0)} ms, distributed ${times.distributed.at(-1)!.toFixed(0)} ms`,
  );
}
console.log(
  `${items} items, median of ${rounds}: inline Map ${median(times.inline).toFixed(0)} ms, Distributed Map (CSV read + results written) ${median(times.distributed).toFixed(0)} ms`,
);
await engine.close();
await queue.close();
await sql.close();
await rm(root, { recursive: true, force: true });
