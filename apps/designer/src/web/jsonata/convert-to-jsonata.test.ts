import { runLocal, validateDefinition } from "@stepflow/asl";
import { describe, expect, it } from "vitest";
import { convertToJsonata } from "./convert-to-jsonata.ts";

type Obj = Record<string, unknown>;

const INPUT = {
  order: { id: "o-1", total: 120, items: [{ sku: "a" }, { sku: "b" }], note: "rush order" },
  flag: true,
  limit: 100,
  text: "a,b;;c",
  wait: 1,
};

/** Runs a one-state machine (a Task echoes its input with a Payload) and what its task received. */
async function run(state: Obj, input: unknown = INPUT) {
  const seen: unknown[] = [];
  const definition = {
    StartAt: "S",
    States: {
      S: state,
      // Only the targets the state names, so the definition has no unreachable state.
      ...(JSON.stringify(state).includes('"Yes"') ? { Yes: { Type: "Pass", Result: "yes", End: true } } : {}),
      ...(JSON.stringify(state).includes('"No"') ? { No: { Type: "Pass", Result: "no", End: true } } : {}),
    },
  };
  expect(validateDefinition(JSON.stringify(definition))).toEqual([]);
  const result = await runLocal(definition, input, {
    handlers: {
      echo: (taskInput) => {
        seen.push(taskInput);
        return { Payload: { got: taskInput, status: 200 }, StatusCode: 200 };
      },
    },
    random: () => 0.5,
    uuid: () => "uuid-1",
  });
  return { status: result.status, output: result.output, error: result.error, seen };
}

/** Converts `state`, checks both versions run to the same output on the same task input. */
async function sameBehaviour(state: Obj, input: unknown = INPUT): Promise<Obj> {
  const conversion = convertToJsonata(state);
  if (!conversion.ok) throw new Error(conversion.reason);
  const before = await run(state, input);
  const after = await run(conversion.state, input);
  expect(before.status).toBe("SUCCEEDED");
  expect(after).toEqual(before);
  return conversion.state;
}

const task = (fields: Obj): Obj => ({
  Type: "Task",
  Resource: "arn:aws:lambda:us-east-1:1:function:echo",
  End: true,
  ...fields,
});

describe("convertToJsonata keeps what a state does", () => {
  it.each<[string, Obj]>([
    [
      "a Task with Parameters, ResultSelector, ResultPath and OutputPath",
      task({
        InputPath: "$.order",
        Parameters: {
          "id.$": "$.id",
          fixed: 1,
          "count.$": "States.ArrayLength($.items)",
          nested: { "first.$": "$.items[0].sku" },
        },
        ResultSelector: { "body.$": "$.Payload.got", "code.$": "$.StatusCode" },
        ResultPath: "$.call.result",
        OutputPath: "$.call",
      }),
    ],
    ["a Task with only InputPath", task({ InputPath: "$.order.items" })],
    ["a Task with ResultPath null", task({ ResultPath: null })],
    ["a Task with OutputPath null", task({ OutputPath: null })],
    ["a Task with ResultSelector alone", task({ ResultSelector: { "s.$": "$.Payload.status" } })],
    [
      "a Pass with Result and ResultPath",
      { Type: "Pass", Result: { x: [1, 2] }, ResultPath: "$.added", End: true },
    ],
    [
      "a Pass with Parameters and the context object",
      { Type: "Pass", Parameters: { "name.$": "$$.State.Name", "id.$": "$.order.id" }, End: true },
    ],
    [
      "a Pass with InputPath and OutputPath",
      { Type: "Pass", InputPath: "$.order", OutputPath: "$.items", End: true },
    ],
    [
      "a Pass with intrinsics",
      {
        Type: "Pass",
        Parameters: {
          "f.$": "States.Format('Order {} of {} costs {}', $.order.id, $.order.note, $.order.total)",
          "arr.$": "States.Array($.limit, 'x', States.MathAdd($.limit, 5))",
          "json.$": "States.JsonToString($.order.items)",
          "back.$": "States.StringToJson('{\"a\":1}')",
          "contains.$": "States.ArrayContains(States.Array(1, 2), 2)",
          "item.$": "States.ArrayGetItem($.order.items, 1)",
          "part.$": "States.ArrayPartition(States.ArrayRange(1, 5, 1), 2)",
          "uniq.$": "States.ArrayUnique(States.Array(1, 1, 2))",
          "b64.$": "States.Base64Decode(States.Base64Encode($.order.id))",
          "hash.$": "States.Hash($.order.id, 'SHA-256')",
          "merged.$": 'States.JsonMerge($.order, States.StringToJson(\'{"id":"o-2"}\'), false)',
          "split.$": "States.StringSplit($.text, ',;')",
          "uuid.$": "States.UUID()",
          "random.$": "States.MathRandom(1, 9)",
        },
        End: true,
      },
    ],
    [
      "a Pass with an Assign from its result",
      { Type: "Pass", Parameters: { "t.$": "$.order.total" }, Assign: { "saved.$": "$.t" }, End: true },
    ],
    [
      "a Map with ItemsPath, ItemSelector and the item context",
      {
        Type: "Map",
        InputPath: "$.order",
        ItemsPath: "$.items",
        ItemSelector: {
          "sku.$": "$$.Map.Item.Value.sku",
          "index.$": "$$.Map.Item.Index",
          "note.$": "$.note",
        },
        ItemProcessor: {
          StartAt: "Each",
          States: { Each: { Type: "Pass", OutputPath: "$.sku", End: true } },
        },
        ResultPath: "$.skus",
        End: true,
      },
    ],
    ["a Wait with SecondsPath", { Type: "Wait", InputPath: "$", SecondsPath: "$.wait", End: true }],
  ])("%s", async (_, state) => {
    await sameBehaviour(state);
  });

  it("writes Arguments and Output as the AWS console does", async () => {
    const converted = await sameBehaviour(
      task({
        Parameters: { "id.$": "$.order.id" },
        ResultSelector: { "code.$": "$.StatusCode" },
        ResultPath: "$.result",
      }),
    );
    expect(converted).toEqual({
      Type: "Task",
      Resource: "arn:aws:lambda:us-east-1:1:function:echo",
      End: true,
      Arguments: { id: "{% $states.input.order.id %}" },
      Output: '{% $merge([$states.input, {"result": {"code": $states.result.StatusCode}}]) %}',
      QueryLanguage: "JSONata",
    });
  });

  it.each<[string, Obj, unknown[]]>([
    [
      "numbers and paths",
      { Variable: "$.order.total", NumericGreaterThanPath: "$.limit" },
      [INPUT, { ...INPUT, limit: 500 }, { ...INPUT, limit: "x" }],
    ],
    [
      "And / Or / Not",
      {
        And: [
          { Variable: "$.flag", BooleanEquals: true },
          {
            Or: [
              { Not: { Variable: "$.order.id", StringEquals: "o-2" } },
              { Variable: "$.missing", IsPresent: true },
            ],
          },
        ],
      },
      [INPUT, { ...INPUT, flag: false }, { ...INPUT, order: { ...INPUT.order, id: "o-2" } }],
    ],
    [
      "type tests",
      {
        Or: [
          { Variable: "$.order.note", IsNumeric: true },
          { Variable: "$.order.note", IsNull: true },
          { Not: { Variable: "$.order.note", IsString: true } },
        ],
      },
      [
        INPUT,
        { ...INPUT, order: { note: null } },
        { ...INPUT, order: { note: 4 } },
        { ...INPUT, order: { note: {} } },
      ],
    ],
    [
      "StringMatches",
      { Variable: "$.order.note", StringMatches: "rush*" },
      [INPUT, { ...INPUT, order: { ...INPUT.order, note: "slow" } }],
    ],
    ["a wrong-typed ordering is false", { Variable: "$.order.note", NumericLessThan: 5 }, [INPUT]],
  ])("converts a Choice rule on %s to a Condition that chooses the same way", async (_, rule, inputs) => {
    const state = { Type: "Choice", Choices: [{ ...rule, Next: "Yes" }], Default: "No" };
    const conversion = convertToJsonata(state);
    if (!conversion.ok) throw new Error(conversion.reason);
    for (const input of inputs) expect(await run(conversion.state, input)).toEqual(await run(state, input));
  });

  it("keeps a Parallel's branches in JSONPath and converts catchers", async () => {
    const state = {
      Type: "Parallel",
      Branches: [{ StartAt: "In", States: { In: { Type: "Pass", InputPath: "$.order", End: true } } }],
      ResultPath: "$.branches",
      Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "No" }],
      End: true,
    };
    const converted = await sameBehaviour(state);
    const branch = (converted["Branches"] as { States: Record<string, Obj> }[])[0];
    expect(branch?.States["In"]?.["QueryLanguage"]).toBe("JSONPath");
    expect((converted["Catch"] as Obj[])[0]).toEqual({
      ErrorEquals: ["States.ALL"],
      Output: '{% $merge([$states.input, {"error": $states.errorOutput}]) %}',
      Next: "No",
    });
  });

  it.each<[string, Obj, RegExp]>([
    [
      "a filter",
      task({ InputPath: "$.order.items[?(@.sku == 'a')]" }),
      /filter.*no faithful JSONata equivalent/,
    ],
    ["a wildcard", { Type: "Pass", Parameters: { "all.$": "$.order.items[*].sku" }, End: true }, /wildcard/],
    [
      "a timestamp comparison",
      {
        Type: "Choice",
        Choices: [{ Variable: "$.t", TimestampLessThan: "2024-01-01T00:00:00Z", Next: "Yes" }],
        Default: "No",
      },
      /TimestampLessThan has no faithful/,
    ],
    [
      "a seeded MathRandom",
      { Type: "Pass", Parameters: { "r.$": "States.MathRandom(1, 9, 4)" }, End: true },
      /seed/,
    ],
    ["an index in ResultPath", task({ ResultPath: "$.list[0]" }), /ResultPath/],
    ["a JSONata state", { Type: "Pass", QueryLanguage: "JSONata", End: true }, /already JSONata/],
  ])("refuses %s with a reason", (_, state, reason) => {
    const conversion = convertToJsonata(state);
    expect(conversion.ok).toBe(false);
    if (!conversion.ok) expect(conversion.reason).toMatch(reason);
  });
});
