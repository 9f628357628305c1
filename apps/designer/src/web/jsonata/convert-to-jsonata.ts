import { parsePath } from "@stepflow/asl";
import { choiceRuleToJsonata } from "./choice-rule-to-jsonata.ts";
import { ConversionRefused } from "./conversion-refused.ts";
import { fieldStep, pathToJsonata } from "./path-to-jsonata.ts";
import { dynamicToJsonata, templateExpression, templateToJsonata } from "./template-to-jsonata.ts";
import { isFields, type Fields } from "../model/is-fields.ts";

/** One change to the state object: set (undefined: remove) the value at `path`, optionally renaming its key in place. */
export interface StateChange {
  path: (string | number)[];
  value: unknown;
  renameTo?: string;
}

/** The result of {@link convertToJsonata}: the changes (and the state they make), or why not. */
export type Conversion = { ok: true; changes: StateChange[]; state: Fields } | { ok: false; reason: string };

const WITH_RESULT = new Set(["Task", "Parallel", "Map"]);
const WITH_RESULT_PATH = new Set(["Task", "Parallel", "Map", "Pass"]);
// Fields a JSONata state may not carry and that no rule below converts.
const HANDLED = new Set(["InputPath", "Parameters", "ResultSelector", "ResultPath", "OutputPath", "Result"]);

/**
 * Turns a JSONPath state into its JSONata equivalent, as the AWS console's "Convert to JSONata" does:
 * InputPath folds into the expressions that read the input, Parameters becomes Arguments (a Map's
 * ItemSelector), ResultSelector / ResultPath / OutputPath become one Output, `*Path` fields their
 * `{% %}` field, Choice rules a Condition, catchers' ResultPath an Output, and `key.$` values
 * expressions (intrinsics through their JSONata equivalents). States nested in a Parallel or Map keep
 * JSONPath (`"QueryLanguage": "JSONPath"` on each of them). Refused, with the reason,
 * where JSONata would behave differently (see ConversionRefused throws).
 */
export function convertToJsonata(state: unknown): Conversion {
  if (!isFields(state)) return { ok: false, reason: "the state is not an object" };
  if (state["QueryLanguage"] === "JSONata") return { ok: false, reason: "the state is already JSONata" };
  try {
    const changes = convert(state);
    return { ok: true, changes, state: applyChanges(state, changes) };
  } catch (error) {
    if (error instanceof ConversionRefused) return { ok: false, reason: error.message };
    throw error;
  }
}

function convert(state: Fields): StateChange[] {
  const type = String(state["Type"]);
  const changes: StateChange[] = [];
  const set = (key: string, value: unknown, renameTo?: string): void => {
    changes.push({ path: [key], value, ...(renameTo === undefined ? {} : { renameTo }) });
  };
  const has = (key: string): boolean => Object.hasOwn(state, key);
  const input = inputExpression(state["InputPath"]);
  const expression = (text: string): string => `{% ${text} %}`;

  // What JSONPath's ResultPath receives (and `$` means in Assign): the state's own result.
  let result: { expression: string; template?: unknown };
  if (WITH_RESULT.has(type)) {
    result = has("ResultSelector")
      ? {
          expression: templateExpression(state["ResultSelector"], "$states.result"),
          template: templateToJsonata(state["ResultSelector"], "$states.result"),
        }
      : { expression: "$states.result" };
  } else if (type === "Pass" && has("Result")) {
    result = { expression: JSON.stringify(state["Result"]), template: state["Result"] };
  } else if (type === "Pass" && has("Parameters")) {
    result = {
      expression: templateExpression(state["Parameters"], input),
      template: templateToJsonata(state["Parameters"], input),
    };
  } else {
    result = { expression: input };
  }

  if (type === "Task" || type === "Parallel") {
    if (has("Parameters")) set("Parameters", templateToJsonata(state["Parameters"], input), "Arguments");
    else if (input !== "$states.input") set("Arguments", expression(input));
  }
  if (type === "Map") {
    for (const key of ["ItemSelector", "Parameters"].filter(has))
      set(key, templateToJsonata(state[key], input), "ItemSelector");
    if (has("ItemsPath"))
      set("ItemsPath", expression(pathToJsonata(asText(state["ItemsPath"]), input)), "Items");
    else if (input !== "$states.input") set("Items", expression(input));
    for (const key of ["ItemProcessor", "Iterator"]) changes.push(...keepJsonPath(state[key], [key]));
  }
  if (type === "Parallel" && Array.isArray(state["Branches"]))
    state["Branches"].forEach((branch, i) => changes.push(...keepJsonPath(branch, ["Branches", i])));
  for (const [pathKey, key, base] of [
    ["SecondsPath", "Seconds", input],
    ["TimestampPath", "Timestamp", input],
    ["TimeoutSecondsPath", "TimeoutSeconds", input],
    ["HeartbeatSecondsPath", "HeartbeatSeconds", input],
    ["MaxConcurrencyPath", "MaxConcurrency", input],
    ["ToleratedFailurePercentagePath", "ToleratedFailurePercentage", input],
    ["ToleratedFailureCountPath", "ToleratedFailureCount", input],
    ["ErrorPath", "Error", "$states.input"],
    ["CausePath", "Cause", "$states.input"],
  ] as const) {
    if (has(pathKey)) set(pathKey, expression(dynamicToJsonata(asText(state[pathKey]), base)), key);
  }
  if (isFields(state["Credentials"])) set("Credentials", templateToJsonata(state["Credentials"], input));
  for (const key of Object.keys(state)) {
    if (!HANDLED.has(key) && key.endsWith("Path") && !changes.some((c) => c.path[0] === key))
      throw new ConversionRefused(`${key} has no JSONata conversion here; convert it by hand`);
  }

  const assignBase = /^[$\w.`[\]]+$/.test(result.expression) ? result.expression : `(${result.expression})`;
  if (has("Assign")) set("Assign", templateToJsonata(state["Assign"], assignBase));
  if (Array.isArray(state["Choices"]))
    set(
      "Choices",
      state["Choices"].map((rule) => convertRule(rule, input)),
    );
  if (Array.isArray(state["Catch"]))
    state["Catch"].forEach((catcher, i) => {
      if (!isFields(catcher)) return;
      if (hasField(catcher, "ResultPath")) {
        const output = resultPathOutput(catcher["ResultPath"], "$states.errorOutput");
        changes.push({
          path: ["Catch", i, "ResultPath"],
          value: output === "$states.errorOutput" ? undefined : expression(output),
          ...(output === "$states.errorOutput" ? {} : { renameTo: "Output" }),
        });
      }
      if (hasField(catcher, "Assign"))
        changes.push({
          path: ["Catch", i, "Assign"],
          value: templateToJsonata(catcher["Assign"], "$states.errorOutput"),
        });
    });

  const output = outputOf(type, state, result);
  for (const key of ["InputPath", "Parameters", "ResultSelector", "ResultPath", "OutputPath", "Result"])
    if (has(key) && !changes.some((c) => c.path[0] === key)) set(key, undefined);
  if (output !== undefined) set("Output", output);
  set("QueryLanguage", "JSONata");
  return changes;
}

/** The JSONata Output that stands for ResultPath and OutputPath, or undefined for the default. */
function outputOf(type: string, state: Fields, result: { expression: string; template?: unknown }): unknown {
  if (type === "Fail") return undefined;
  const resultPath = WITH_RESULT_PATH.has(type) ? state["ResultPath"] : undefined;
  const outputPath = state["OutputPath"];
  const fallback = WITH_RESULT.has(type) ? "$states.result" : "$states.input";
  if ((resultPath === undefined || resultPath === "$") && (outputPath === undefined || outputPath === "$")) {
    if (result.template !== undefined) return result.template;
    return result.expression === fallback ? undefined : `{% ${result.expression} %}`;
  }
  let output =
    resultPath === undefined || resultPath === "$"
      ? result.expression
      : resultPathOutput(resultPath, result.expression);
  if (outputPath === null) output = "{}";
  else if (outputPath !== undefined && outputPath !== "$") {
    const base = /^[$\w.`[\]]+$/.test(output) ? output : `(${output})`;
    output = pathToJsonata(asText(outputPath), base);
  }
  return output === fallback ? undefined : `{% ${output} %}`;
}

/** The raw input with `value` placed at the JSONPath ResultPath `path` (null: the input unchanged). */
function resultPathOutput(path: unknown, value: string): string {
  if (path === null) return "$states.input";
  if (path === undefined || path === "$") return value;
  const parsed = parsePath(asText(path));
  const names = parsed.segments.map((segment) => {
    if (segment.kind !== "name" || parsed.root.kind !== "input")
      throw new ConversionRefused(
        `ResultPath "${asText(path)}" is not a plain path of names; convert it by hand`,
      );
    return segment.name;
  });
  const build = (rest: string[], base: string): string => {
    const [first, ...others] = rest;
    if (first === undefined) return value;
    const inner = build(others, `${base}${fieldStep(first, asText(path))}`);
    return `$merge([${base}, {${JSON.stringify(first)}: ${inner}}])`;
  };
  return build(names, "$states.input");
}

function convertRule(rule: unknown, input: string): unknown {
  if (!isFields(rule)) throw new ConversionRefused("a Choice rule must be an object");
  const out: Fields = {};
  let placed = false;
  for (const [key, value] of Object.entries(rule)) {
    if (key === "Next" || key === "Comment") out[key] = value;
    else if (key === "Assign") out[key] = templateToJsonata(value, input);
    else if (!placed) {
      out["Condition"] = `{% ${choiceRuleToJsonata(rule, input)} %}`;
      placed = true;
    }
  }
  return out;
}

function inputExpression(inputPath: unknown): string {
  if (inputPath === undefined || inputPath === "$") return "$states.input";
  if (inputPath === null) return "{}";
  return pathToJsonata(asText(inputPath), "$states.input");
}

/**
 * Nested states inherit their Parallel's or Map's language, and ASL allows QueryLanguage on states
 * only (not on a branch), so each nested state that does not choose gets "JSONPath".
 */
function keepJsonPath(machine: unknown, at: (string | number)[]): StateChange[] {
  if (!isFields(machine) || !isFields(machine["States"])) return [];
  return Object.entries(machine["States"]).flatMap(([name, nested]) =>
    isFields(nested) && !hasField(nested, "QueryLanguage")
      ? [{ path: [...at, "States", name, "QueryLanguage"], value: "JSONPath" }]
      : [],
  );
}

function hasField(value: unknown, key: string): boolean {
  return isFields(value) && Object.hasOwn(value, key);
}

/** Applies state changes to a copy (renamed keys keep their place), as the document edit does. */
export function applyChanges(state: Fields, changes: StateChange[]): Fields {
  let out: Fields = structuredClone(state);
  for (const change of changes) out = applyOne(out, change.path, change.value, change.renameTo);
  return out;
}

function applyOne(target: Fields, path: (string | number)[], value: unknown, renameTo?: string): Fields {
  const [head, ...rest] = path;
  if (head === undefined) return target;
  if (rest.length > 0) {
    const child = target[head as string];
    if (Array.isArray(child)) {
      const index = rest[0] as number;
      child[index] = applyOne(child[index] as Fields, rest.slice(1), value, renameTo);
    } else target[head as string] = applyOne(child as Fields, rest, value, renameTo);
    return target;
  }
  const key = String(head);
  const out: Fields = {};
  for (const [k, v] of Object.entries(target)) {
    if (k !== key) out[k] = v;
    else if (value !== undefined) out[renameTo ?? k] = value;
  }
  if (!Object.hasOwn(target, key) && value !== undefined) out[renameTo ?? key] = value;
  return out;
}

function asText(value: unknown): string {
  if (typeof value !== "string") throw new ConversionRefused(`${JSON.stringify(value)} is not a path`);
  return value;
}
