import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/cli/main.ts";
import { migrateCommand } from "../src/cli/migrate-command.ts";
import type { Output } from "../src/cli/validate-command.ts";

function capture(): Output & { stdout: string; stderr: string } {
  const io = {
    stdout: "",
    stderr: "",
    out: (text: string) => void (io.stdout += text),
    err: (text: string) => void (io.stderr += text),
  };
  return io;
}

describe("stepflow validate, run and migrate", () => {
  let dir: string;
  const file = (name: string) => join(dir, name);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "stepflow-cli-"));
    await writeFile(
      file("good.json"),
      JSON.stringify({
        StartAt: "Add",
        States: {
          Add: { Type: "Pass", Parameters: { "sum.$": "States.MathAdd($.a, $.b)" }, Next: "Check" },
          Check: {
            Type: "Choice",
            Choices: [{ Variable: "$.sum", NumericGreaterThan: 10, Next: "Big" }],
            Default: "Small",
          },
          Big: { Type: "Fail", Error: "TooBig", Cause: "sum over 10" },
          Small: { Type: "Succeed" },
        },
      }),
    );
    await writeFile(
      file("bad.json"),
      JSON.stringify({ StartAt: "Missing", States: { A: { Type: "Pass", Next: "B" }, C: { Type: "Wait" } } }),
    );
    await writeFile(file("not-json.json"), "{ nope");
    await writeFile(file("input.json"), '{"a": 1, "b": 2}');
    await writeFile(
      file("task.json"),
      JSON.stringify({
        StartAt: "T",
        States: { T: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:1:function:double", End: true } },
      }),
    );
    await writeFile(
      file("handlers.mjs"),
      "export const handlers = { double: async (input) => ({ twice: input.n * 2 }) };\n",
    );
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("validate: 0 for a valid definition, 1 with every problem listed otherwise", async () => {
    const ok = capture();
    expect(await main(["validate", file("good.json")], ok)).toBe(0);
    expect(ok.stdout).toBe(`${file("good.json")}: valid\n`);

    const bad = capture();
    expect(await main(["validate", file("good.json"), file("bad.json"), file("not-json.json")], bad)).toBe(1);
    const lines = bad.stderr.trim().split("\n");
    expect(lines.filter((l) => l.startsWith(`${file("bad.json")}: `)).length).toBeGreaterThanOrEqual(4);
    expect(bad.stderr).toContain("Missing");
    expect(bad.stderr).toContain('"B"');
    expect(bad.stderr).toContain("States.C");
    expect(bad.stderr).toContain(`${file("not-json.json")}: the definition is not valid JSON`);
    expect(bad.stdout).toBe(`${file("good.json")}: valid\n`);
  });

  it("run: prints the output on success, the error and cause on failure", async () => {
    const small = capture();
    expect(await main(["run", file("good.json"), "--input", `@${file("input.json")}`], small)).toBe(0);
    expect(JSON.parse(small.stdout)).toEqual({ sum: 3 });

    const big = capture();
    expect(await main(["run", file("good.json"), "--input", '{"a": 10, "b": 5}'], big)).toBe(1);
    expect(big.stderr).toBe("FAILED: TooBig\nsum over 10\n");

    const badInput = capture();
    expect(await main(["run", file("good.json"), "--input", "{oops"], badInput)).toBe(1);
    expect(badInput.stderr).toContain("--input is not valid JSON");

    const invalid = capture();
    expect(await main(["run", file("bad.json")], invalid)).toBe(1);
    expect(invalid.stderr).toContain("Missing");
  });

  it("run: serves Task states from --handlers modules; without one the task fails", async () => {
    const served = capture();
    expect(
      await main(
        ["run", file("task.json"), "--input", '{"n": 21}', "--handlers", file("handlers.mjs")],
        served,
      ),
    ).toBe(0);
    expect(JSON.parse(served.stdout)).toEqual({ twice: 42 });
    const unserved = capture();
    expect(await main(["run", file("task.json")], unserved)).toBe(1);
    expect(unserved.stderr).toContain("FAILED");
  });

  it("migrate: applies the schema once, then reports it current", async () => {
    const env = { STEPFLOW_DATA_DIR: file("data") };
    const first = capture();
    expect(await migrateCommand(env, first)).toBe(0);
    expect(first.stdout).toMatch(/^embedded PGlite in .*data: applied 1(, \d+)*; schema at version \d+\n$/);
    const second = capture();
    expect(await migrateCommand(env, second)).toBe(0);
    expect(second.stdout).toMatch(/schema already at version \d+\n$/);
  });

  it("usage errors exit 2 and print the usage", async () => {
    const io = capture();
    expect(await main(["frobnicate"], io)).toBe(2);
    expect(io.stderr).toContain('unknown command "frobnicate"');
    expect(io.stderr).toContain("usage: stepflow");
    const help = capture();
    expect(await main(["--help"], help)).toBe(0);
    expect(help.stdout).toContain("validate <file>");
  });
});
