import { describe, expect, it } from "vitest";
import { formatProblem } from "../problem.ts";
import { validateDefinition } from "../validate-definition.ts";

const problems = (definition: unknown): string[] => validateDefinition(definition).map(formatProblem);
const processor = (config?: Record<string, unknown>) => ({
  ...(config === undefined ? {} : { ProcessorConfig: config }),
  StartAt: "I",
  States: { I: { Type: "Pass", End: true } },
});
const distributed = processor({ Mode: "DISTRIBUTED", ExecutionType: "STANDARD" });
const map = (fields: Record<string, unknown>, top: Record<string, unknown> = {}) => ({
  ...top,
  StartAt: "M",
  States: { M: { Type: "Map", End: true, ...fields } },
});

describe("Map", () => {
  it.each([
    [
      "no ItemProcessor",
      map({}),
      [
        'States.M: a Map state needs "ItemProcessor": a state machine with "StartAt" and "States" that runs for each item',
      ],
    ],
    [
      "both ItemProcessor and Iterator",
      map({ ItemProcessor: processor(), Iterator: { StartAt: "J", States: { J: { Type: "Succeed" } } } }),
      [
        'States.M: cannot have both "ItemProcessor" and "Iterator"; keep "ItemProcessor" ("Iterator" is its legacy name)',
      ],
    ],
    [
      "an unknown Mode",
      map({ ItemProcessor: processor({ Mode: "PARALLEL" }) }),
      ['States.M.ItemProcessor.ProcessorConfig.Mode: must be "INLINE" or "DISTRIBUTED"; got "PARALLEL"'],
    ],
    [
      "a DISTRIBUTED Map without ExecutionType",
      map({ ItemProcessor: processor({ Mode: "DISTRIBUTED" }) }),
      [
        'States.M.ItemProcessor.ProcessorConfig: a DISTRIBUTED Map needs "ExecutionType": "STANDARD" or "EXPRESS" for its child executions',
      ],
    ],
    [
      "ExecutionType on an INLINE Map",
      map({ ItemProcessor: processor({ Mode: "INLINE", ExecutionType: "STANDARD" }) }),
      [
        'States.M.ItemProcessor.ProcessorConfig.ExecutionType: is only allowed with "Mode": "DISTRIBUTED"; remove it or set the mode',
      ],
    ],
    [
      "an unknown ProcessorConfig field",
      map({ ItemProcessor: processor({ Mode: "INLINE", Concurrency: 1 }) }),
      [
        'States.M.ItemProcessor.ProcessorConfig.Concurrency: unknown ProcessorConfig field "Concurrency"; allowed: Mode, ExecutionType',
      ],
    ],
    [
      "an ItemsPath that is not a Reference Path",
      map({ ItemProcessor: processor(), ItemsPath: "$.a[0:2]" }),
      [
        "States.M.ItemsPath: Invalid JSONPath '$.a[0:2]': a Reference Path must select a single value (no '*', '..', ',', ':', '?' or functions) (at position 0)",
      ],
    ],
    [
      "Items that are neither array nor expression",
      map({ ItemProcessor: processor(), Items: "a" }, { QueryLanguage: "JSONata" }),
      ['States.M.Items: must be an array or a {% %} JSONata expression; got "a"'],
    ],
    [
      "both ItemSelector and Parameters",
      map({ ItemProcessor: processor(), ItemSelector: {}, Parameters: {} }),
      [
        'States.M: cannot have both "ItemSelector" and "Parameters"; keep "ItemSelector" ("Parameters" is its legacy name)',
      ],
    ],
    [
      "a bad path in ItemSelector",
      map({ ItemProcessor: processor(), ItemSelector: { "v.$": "$$.Map.Item.Value[" } }),
      [
        "States.M.ItemSelector.v.$: Invalid JSONPath '$$.Map.Item.Value[': expected an index, a name, '*' or '?' but found the end (at position 18)",
      ],
    ],
    [
      "a negative MaxConcurrency",
      map({ ItemProcessor: processor(), MaxConcurrency: -1 }),
      ["States.M.MaxConcurrency: must be an integer of at least 0; got -1"],
    ],
    [
      "both MaxConcurrency and MaxConcurrencyPath",
      map({ ItemProcessor: processor(), MaxConcurrency: 1, MaxConcurrencyPath: "$.c" }),
      ['States.M: cannot have both "MaxConcurrency" and "MaxConcurrencyPath"; keep one'],
    ],
    [
      "ToleratedFailurePercentage above 100",
      map({ ItemProcessor: distributed, ToleratedFailurePercentage: 101 }),
      ["States.M.ToleratedFailurePercentage: must be a number from 0 to 100; got 101"],
    ],
    [
      "a negative ToleratedFailureCount",
      map({ ItemProcessor: distributed, ToleratedFailureCount: -1 }),
      ["States.M.ToleratedFailureCount: must be an integer of at least 0; got -1"],
    ],
    [
      "both ToleratedFailureCount and its path",
      map({ ItemProcessor: distributed, ToleratedFailureCount: 1, ToleratedFailureCountPath: "$.n" }),
      ['States.M: cannot have both "ToleratedFailureCount" and "ToleratedFailureCountPath"; keep one'],
    ],
    [
      "a distributed-only field on an INLINE Map",
      map({ ItemProcessor: processor(), ItemReader: { Resource: "arn:aws:states:::s3:getObject" } }),
      [
        'States.M.ItemReader: is only allowed in a Distributed Map; set "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"} in the item processor, or remove it',
      ],
    ],
    [
      "an ItemReader without Resource",
      map({ ItemProcessor: distributed, ItemReader: {} }),
      ['States.M.ItemReader: needs "Resource", such as "arn:aws:states:::s3:getObject"'],
    ],
    [
      "an unknown InputType",
      map({
        ItemProcessor: distributed,
        ItemReader: { Resource: "arn:aws:states:::s3:getObject", ReaderConfig: { InputType: "XML" } },
      }),
      [
        'States.M.ItemReader.ReaderConfig.InputType: must be one of "CSV", "JSON", "JSONL", "MANIFEST", "PARQUET"; got "XML"',
      ],
    ],
    [
      "GIVEN headers without CSVHeaders",
      map({
        ItemProcessor: distributed,
        ItemReader: {
          Resource: "arn:aws:states:::s3:getObject",
          ReaderConfig: { InputType: "CSV", CSVHeaderLocation: "GIVEN" },
        },
      }),
      [
        'States.M.ItemReader.ReaderConfig: with "CSVHeaderLocation": "GIVEN", list the column names in "CSVHeaders"',
      ],
    ],
    [
      "an ItemBatcher without a limit",
      map({ ItemProcessor: distributed, ItemBatcher: { BatchInput: {} } }),
      [
        'States.M.ItemBatcher: needs "MaxItemsPerBatch" or "MaxInputBytesPerBatch" (or their "...Path" forms)',
      ],
    ],
    [
      "a batch larger than 256 KiB",
      map({ ItemProcessor: distributed, ItemBatcher: { MaxInputBytesPerBatch: 262_145 } }),
      ["States.M.ItemBatcher.MaxInputBytesPerBatch: must be an integer from 1 to 262144; got 262145"],
    ],
    [
      "a ResultWriter with neither Resource nor WriterConfig",
      map({ ItemProcessor: distributed, ResultWriter: {} }),
      ['States.M.ResultWriter: needs "Resource" (such as "arn:aws:states:::s3:putObject") or "WriterConfig"'],
    ],
    [
      "an unknown WriterConfig OutputType",
      map({ ItemProcessor: distributed, ResultWriter: { WriterConfig: { OutputType: "CSV" } } }),
      ['States.M.ResultWriter.WriterConfig.OutputType: must be one of "JSON", "JSONL"; got "CSV"'],
    ],
    [
      "a Label longer than 40 characters",
      map({ ItemProcessor: distributed, Label: "L".repeat(41) }),
      ["States.M.Label: must be at most 40 characters; shorten it"],
    ],
    [
      "a Label with whitespace",
      map({ ItemProcessor: distributed, Label: "my map" }),
      [
        'States.M.Label: must not contain " "; use letters, digits, "-", "_" and "." (no whitespace, brackets, wildcards or special characters)',
      ],
    ],
  ])("reports %s", (_, definition, expected) => {
    expect(problems(definition)).toEqual(expected);
  });

  it("reports a Label used twice", () => {
    const definition = {
      StartAt: "A",
      States: {
        A: { Type: "Map", Label: "Same", ItemProcessor: distributed, Next: "B" },
        B: {
          Type: "Map",
          Label: "Same",
          ItemProcessor: { ...distributed, States: { J: { Type: "Pass", End: true } }, StartAt: "J" },
          End: true,
        },
      },
    };
    expect(problems(definition)).toEqual([
      'States.B.Label: label "Same" is already used at States.A.Label; labels must be unique',
    ]);
  });

  it("accepts a full Distributed Map", () => {
    const definition = map({
      ItemProcessor: distributed,
      ItemReader: {
        Resource: "arn:aws:states:::s3:getObject",
        ReaderConfig: { InputType: "CSV", CSVHeaderLocation: "GIVEN", CSVHeaders: ["a"], MaxItems: 10 },
        Parameters: { Bucket: "b", "Key.$": "$.key" },
      },
      ItemBatcher: { MaxItemsPerBatch: 10, BatchInput: { "run.$": "$$.Execution.Id" } },
      ResultWriter: { Resource: "arn:aws:states:::s3:putObject", Parameters: { Bucket: "b", Prefix: "out" } },
      ItemSelector: { "v.$": "$$.Map.Item.Value" },
      MaxConcurrency: 100,
      ToleratedFailurePercentage: 5,
      Label: "Items-1",
      ResultPath: "$.results",
    });
    expect(problems(definition)).toEqual([]);
  });
});
