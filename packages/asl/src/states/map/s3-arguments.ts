import { compilePayloadTemplate, type PayloadTemplate } from "../../io/payload-template.ts";
import { compileJsonataTemplate, type JsonataTemplate } from "../../jsonata/jsonata-template.ts";
import type { Json, JsonObject } from "../../json.ts";
import type { QueryLanguage } from "../../machine/query-language.ts";
import type { Frame } from "../../execution/snapshot.ts";
import type { StateRun } from "../state-handler.ts";

/** The S3 call's arguments of an ItemReader or ResultWriter: `Parameters` (JSONPath) or `Arguments` (JSONata). */
export type S3Arguments =
  { kind: "jsonpath"; payload: PayloadTemplate } | { kind: "jsonata"; template: JsonataTemplate } | undefined;

/** Compiles the arguments of `def` (an ItemReader or ResultWriter object); `field` names it in errors. */
export function compileS3Arguments(def: JsonObject, language: QueryLanguage, field: string): S3Arguments {
  const args = language === "JSONata" ? def.Arguments : def.Parameters;
  if (args === undefined) return undefined;
  return language === "JSONata"
    ? { kind: "jsonata", template: compileJsonataTemplate(args, `${field}/Arguments`) }
    : { kind: "jsonpath", payload: compilePayloadTemplate(args) };
}

/** Evaluates the arguments against the Map state's input (after InputPath); none gives `{}`. */
export async function evaluateS3Arguments(
  run: StateRun,
  frame: Frame,
  args: S3Arguments,
  input: Json,
): Promise<Json> {
  if (!args) return {};
  if (args.kind === "jsonpath") return args.payload(run.flow(frame).scope(input), run.flow(frame));
  return args.template(run.bindings(frame, { input: frame.at.input }));
}
