import { StatesError, StatesFailure } from "../../errors.ts";
import { compileJsonataTemplate, type JsonataTemplate } from "../../jsonata/jsonata-template.ts";
import { compileReferencePath, type ReferencePath } from "../../jsonpath/reference-path.ts";
import { isJsonObject, jsonText, type Json, type JsonObject } from "../../json.ts";
import type { QueryLanguage } from "../../machine/query-language.ts";
import type { Frame } from "../../execution/snapshot.ts";
import type { StateRun } from "../state-handler.ts";
import { csvRows } from "./csv-rows.ts";
import { compileS3Arguments, evaluateS3Arguments, type S3Arguments } from "./s3-arguments.ts";
import { parseTimestamp } from "../../timestamp.ts";
import { parseJsonText } from "../../json-text.ts";

/** A Distributed Map's compiled `ItemReader` (AWS "ItemReader (Map)"). */
export interface ItemReader {
  resource: string;
  /** The S3 call's arguments (Bucket, Key / Prefix). */
  args: S3Arguments;
  inputType: string;
  csvHeaderLocation: "FIRST_ROW" | "GIVEN";
  csvHeaders: string[];
  csvDelimiter: string;
  maxItems:
    | { kind: "fixed"; value: number }
    | { kind: "path"; path: ReferencePath }
    | { kind: "jsonata"; template: JsonataTemplate }
    | undefined;
}

const DELIMITERS: Record<string, string> = { COMMA: ",", PIPE: "|", SEMICOLON: ";", SPACE: " ", TAB: "\t" };

/** Compiles `ItemReader` (validated before): its arguments, ReaderConfig and MaxItems/MaxItemsPath. */
export function compileItemReader(def: JsonObject, language: QueryLanguage): ItemReader {
  const config = isJsonObject(def.ReaderConfig) ? def.ReaderConfig : {};
  const maxItems = config.MaxItems;
  return {
    resource: def.Resource as string,
    args: compileS3Arguments(def, language, "ItemReader"),
    inputType: typeof config.InputType === "string" ? config.InputType : "JSON",
    csvHeaderLocation: config.CSVHeaderLocation === "GIVEN" ? "GIVEN" : "FIRST_ROW",
    csvHeaders: Array.isArray(config.CSVHeaders) ? config.CSVHeaders.map(String) : [],
    csvDelimiter: DELIMITERS[typeof config.CSVDelimiter === "string" ? config.CSVDelimiter : "COMMA"] ?? ",",
    maxItems:
      typeof config.MaxItemsPath === "string"
        ? { kind: "path", path: compileReferencePath(config.MaxItemsPath) }
        : typeof maxItems === "number"
          ? { kind: "fixed", value: maxItems }
          : typeof maxItems === "string" && language === "JSONata"
            ? { kind: "jsonata", template: compileJsonataTemplate(maxItems, "MaxItems") }
            : undefined,
  };
}

/** The S3 call's arguments, from the state's input (after InputPath). */
export async function readerArguments(
  run: StateRun,
  frame: Frame,
  reader: ItemReader,
  input: Json,
): Promise<Json> {
  return evaluateS3Arguments(run, frame, reader.args, input);
}

/** MaxItems / MaxItemsPath: how many items to read at most (0 or absent: all). */
export async function readerMaxItems(
  run: StateRun,
  frame: Frame,
  reader: ItemReader,
  input: Json,
): Promise<number> {
  const spec = reader.maxItems;
  if (!spec) return 0;
  const value =
    spec.kind === "fixed"
      ? spec.value
      : spec.kind === "path"
        ? spec.path.get(run.flow(frame).scope(input))
        : await spec.template(run.bindings(frame, { input: frame.at.input }));
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new StatesFailure(
      StatesError.Runtime,
      `The MaxItems field must resolve to a non-negative integer but was: ${jsonText(value ?? null)}`,
    );
  }
  return value;
}

/**
 * The items of what the ItemReader's call returned: `listObjectsV2` → one item per object
 * (`Etag`, `Key`, `LastModified` in epoch seconds, `Size`, `StorageClass`, as AWS gives them);
 * `getObject` → the object's `Body` read as ReaderConfig's InputType (JSON array, JSON Lines, or CSV rows
 * as objects of strings keyed by header). Anything unreadable fails with States.ItemReaderFailed.
 */
export function readItems(reader: ItemReader, result: Json, maxItems: number): Json[] {
  const items = reader.resource.endsWith(":listObjectsV2")
    ? listedItems(result)
    : objectItems(reader, result);
  return maxItems > 0 && items.length > maxItems ? items.slice(0, maxItems) : items;
}

function listedItems(result: Json): Json[] {
  const contents = isJsonObject(result) && Array.isArray(result.Contents) ? result.Contents : [];
  return contents.map((entry) => {
    const o = isJsonObject(entry) ? entry : {};
    const modified = typeof o.LastModified === "string" ? parseTimestamp(o.LastModified) : undefined;
    return {
      Etag: o.ETag ?? null,
      Key: o.Key ?? null,
      LastModified: modified === undefined ? (o.LastModified ?? null) : Math.floor(modified / 1000),
      Size: o.Size ?? null,
      StorageClass: o.StorageClass ?? "STANDARD",
    };
  });
}

function objectItems(reader: ItemReader, result: Json): Json[] {
  const body = isJsonObject(result) ? result.Body : undefined;
  if (typeof body !== "string") throw failed("the object has no readable body");
  switch (reader.inputType) {
    case "JSON": {
      const value = parse(body, "JSON");
      if (!Array.isArray(value)) throw failed("the JSON object must hold an array of items");
      return value;
    }
    case "JSONL":
      return body
        .split(/\r?\n/)
        .filter((line) => line.trim() !== "")
        .map((line) => parse(line, "JSON Lines"));
    case "CSV":
      return csvItems(reader, body);
    default:
      throw failed(`the InputType ${reader.inputType} is not supported by this Stepflow engine`);
  }
}

function csvItems(reader: ItemReader, body: string): Json[] {
  const rows = csvRows(body, reader.csvDelimiter);
  const headers = reader.csvHeaderLocation === "GIVEN" ? reader.csvHeaders : (rows.shift() ?? []);
  if (new Set(headers).size < headers.length) throw failed("CSV headers cannot contain duplicates.");
  return rows.map((row) => {
    const item: JsonObject = {};
    headers.forEach((header, i) => (item[header] = row[i] ?? ""));
    return item;
  });
}

function parse(text: string, what: string): Json {
  try {
    return parseJsonText(text);
  } catch (error) {
    const reason = error instanceof StatesFailure ? error.cause : String(error);
    throw failed(`the object is not valid ${what}: ${reason ?? ""}`);
  }
}

function failed(reason: string): StatesFailure {
  return new StatesFailure(
    StatesError.ItemReaderFailed,
    `The ItemReader could not read the items: ${reason}`,
  );
}
