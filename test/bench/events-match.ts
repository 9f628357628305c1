// Event pattern matching throughput (issue 6, "Benchmarks"): parsed ~1 kB events through one bus's rule
// index (createPatternIndex) at 10, 1,000 and 10,000 rules, alternating rounds, one core. It prints; it is
// not a test. Goals: ≥ 200,000 events/s at 10,000 rules, and 10,000 rules ≤ 1.5× slower than 10.
//   node --import tsx bench/events-match.ts
import { compilePattern, createPatternIndex, parseEvent, type PatternIndex } from "@stepflow/events";
import { median } from "./measure.ts";
import { printHeader, rounds, seriesLine } from "./engine-kit.ts";

const sampleMs = Number(process.env["BENCH_SAMPLE_MS"] ?? 500);
const ruleCounts = [10, 1_000, 10_000];
const statuses = ["paid", "shipped", "cancelled", "refunded", "pending"];

/**
 * Rule `i`: pins `source` (ten rules per source, as EventBridge rules nearly always pin the publishing
 * service) and one more condition by `i % 5`: exact (detail-type + status), prefix, numeric range,
 * anything-but, exists (true or false).
 */
function rule(i: number): string {
  const source = [`com.shop.svc-${Math.floor(i / 10)}`];
  const detail = [
    { status: [statuses[i % 5]] },
    { customer: { region: [{ prefix: `eu-${i % 4}` }] } },
    { total: [{ numeric: [">=", (i * 7) % 400, "<", ((i * 7) % 400) + 250] }] },
    { status: [{ "anything-but": ["cancelled", statuses[i % 5]] }] },
    { coupon: [{ exists: i % 2 === 0 }] },
  ][i % 5]!;
  const pattern: Record<string, unknown> = { source, detail };
  if (i % 5 === 0) pattern["detail-type"] = [`Order ${i % 3}`];
  return JSON.stringify(pattern);
}

/** About 1 kB of event text; its source is one of the rules' (9 events in 10) or no rule's. */
function eventText(n: number, ruleCount: number): string {
  const sources = Math.max(1, ruleCount / 10);
  const source = n % 10 === 9 ? `com.other.svc-${n}` : `com.shop.svc-${(n * 7919) % sources}`;
  const detail: Record<string, unknown> = {
    orderId: `ord-${n.toString(36).padStart(8, "0")}`,
    status: statuses[n % 5],
    total: (n * 37) % 700,
    currency: "EUR",
    customer: { id: `cust-${n % 9973}`, region: `eu-${n % 6}-central`, tier: n % 3 === 0 ? "gold" : "basic" },
    items: Array.from({ length: 4 }, (_, k) => ({
      sku: `sku-${(n + k) % 500}`,
      quantity: 1 + ((n + k) % 5),
      price: ((n + k) % 90) + 0.99,
      title: `Item ${(n + k) % 500} of the shop's catalogue`,
    })),
    shipping: {
      method: n % 2 ? "express" : "standard",
      address: { city: "Lyon", postcode: "69002", country: "FR" },
    },
  };
  if (n % 3 === 0) detail["coupon"] = `SPRING-${n % 17}`;
  return JSON.stringify({
    version: "0",
    id: `6a7e8feb-b491-4cf7-a9f1-${n.toString(16).padStart(12, "0")}`,
    "detail-type": `Order ${n % 4}`,
    source,
    account: "123456789012",
    time: "2026-11-22T12:00:00Z",
    region: "eu-west-1",
    resources: [`arn:aws:shop:eu-west-1:123456789012:order/${n}`],
    detail,
  });
}

interface Setup {
  ruleCount: number;
  index: PatternIndex;
  events: unknown[];
  matches: number;
}

function setup(ruleCount: number): Setup {
  const index = createPatternIndex();
  for (let i = 0; i < ruleCount; i++) index.add(`rule-${i}`, compilePattern(rule(i)));
  const texts = Array.from({ length: 2000 }, (_, n) => eventText(n, ruleCount));
  const events = texts.map((text) => parseEvent(text));
  const matches = events.reduce<number>((sum, event) => sum + index.match(event).length, 0);
  return { ruleCount, index, events, matches };
}

/**
 * Events/s of `index.match` over the parsed events, back to back for `sampleMs`: per second of wall time,
 * and per second of this process's CPU time (on a shared machine, wall time also counts the time other
 * processes held the core).
 */
function sample({ index, events }: Setup): { wall: number; cpu: number } {
  let done = 0;
  let sink = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let elapsed = 0;
  while (elapsed < sampleMs) {
    for (const event of events) sink += index.match(event).length;
    done += events.length;
    elapsed = performance.now() - started;
  }
  const cpu = process.cpuUsage(cpuStarted);
  if (sink < 0) console.log(sink);
  return { wall: done / (elapsed / 1000), cpu: done / ((cpu.user + cpu.system) / 1e6) };
}

printHeader("events-match");
const setups = ruleCounts.map(setup);
const averageBytes = Math.round(
  Array.from({ length: 100 }, (_, n) => eventText(n, 10_000).length).reduce((a, b) => a + b) / 100,
);
console.log(`events of ${averageBytes} bytes on average, parsed once outside the clock (parseEvent)`);
for (const s of setups)
  console.log(`  ${s.ruleCount} rules: ${(s.matches / s.events.length).toFixed(2)} matched rules per event`);
for (const s of setups) sample(s); // warm-up
const series = new Map<number, number[]>(ruleCounts.map((count) => [count, []]));
const cpuSeries = new Map<number, number[]>(ruleCounts.map((count) => [count, []]));
for (let round = 0; round < rounds; round++) {
  for (const s of round % 2 === 0 ? setups : [...setups].reverse()) {
    const { wall, cpu } = sample(s);
    series.get(s.ruleCount)!.push(wall);
    cpuSeries.get(s.ruleCount)!.push(cpu);
  }
}
console.log("\nPatternIndex.match, one core");
for (const count of ruleCounts)
  console.log(seriesLine(`${count.toLocaleString("en")} rules`, series.get(count)!, "events/s"));
console.log("same samples, per second of this process's CPU time");
for (const count of ruleCounts)
  console.log(seriesLine(`${count.toLocaleString("en")} rules`, cpuSeries.get(count)!, "events/CPU-s"));
const at10k = median(series.get(10_000)!);
const slowdown = median(series.get(10)!) / at10k;
console.log(
  `  10,000 rules: ${Math.round(at10k).toLocaleString("en")} events/s   (goal ≥ 200,000: ${at10k >= 200_000 ? "met" : "NOT MET"})`,
);
console.log(
  `  10 rules / 10,000 rules: ${slowdown.toFixed(2)}× slower   (goal ≤ 1.5×: ${slowdown <= 1.5 ? "met" : "NOT MET"})`,
);
