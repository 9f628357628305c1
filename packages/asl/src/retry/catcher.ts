import type { JsonObject } from "../json.ts";
import { compileAssign, compileResultPath, type Assigner, type ResultPathFn } from "../io/data-flow.ts";
import { compileJsonataTemplate, type JsonataTemplate } from "../jsonata/jsonata-template.ts";
import type { QueryLanguage } from "../machine/query-language.ts";

/** A compiled `Catch` entry (ASL "Fallback states"). */
export interface Catcher {
  errorEquals: string[];
  next: string;
  /** JSONPath: where the error output goes in the state input (default `$`). */
  resultPath: ResultPathFn;
  /** JSONata: the state output (default: the error output). */
  output: JsonataTemplate | undefined;
  assign: Assigner | undefined;
}

/** Reads a validated Catch entry for a state of the given query language. */
export function compileCatcher(def: JsonObject, language: QueryLanguage): Catcher {
  return {
    errorEquals: def.ErrorEquals as string[],
    next: def.Next as string,
    resultPath: compileResultPath(def.ResultPath),
    output:
      language === "JSONata" && def.Output !== undefined
        ? compileJsonataTemplate(def.Output, "Output")
        : undefined,
    assign: compileAssign(def.Assign, language),
  };
}
