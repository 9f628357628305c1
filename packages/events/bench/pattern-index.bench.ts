// Micro benchmark (not a test): events/s through createPatternIndex for 1, 100 and 10,000 rules.
// Run: node --conditions=@stepflow/source --import tsx packages/events/bench/pattern-index.bench.ts
import { compilePattern, createPatternIndex } from "../src/index.ts";

function ruleText(i: number): string {
  return JSON.stringify({
    source: [`app.service-${i % 500}`],
    "detail-type": [`Order ${i % 7}`],
    detail: { amount: [{ numeric: [">", i % 10] }], status: [{ "anything-but": "cancelled" }] },
  });
}

function eventFor(i: number): unknown {
  return {
    version: "0",
    id: `e-${i}`,
    source: `app.service-${i % 500}`,
    "detail-type": `Order ${i % 7}`,
    account: "123456789012",
    region: "us-east-1",
    time: "2024-01-01T00:00:00Z",
    resources: [],
    detail: {
      amount: i % 150,
      status: i % 3 === 0 ? "cancelled" : "paid",
      items: [{ sku: "a" }, { sku: "b" }],
    },
  };
}

for (const ruleCount of [1, 100, 10_000]) {
  const index = createPatternIndex();
  for (let i = 0; i < ruleCount; i++) index.add(`rule-${i}`, compilePattern(ruleText(i)));
  const events = Array.from({ length: 1000 }, (_, i) => eventFor(i));
  let matched = 0;
  for (const e of events) matched += index.match(e).length; // warm-up
  const started = performance.now();
  let processed = 0;
  while (performance.now() - started < 1000) {
    for (const e of events) matched += index.match(e).length;
    processed += events.length;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${String(ruleCount).padStart(6)} rules: ${Math.round(processed / seconds).toLocaleString("en-US")} events/s (${matched} matches)`,
  );
}
