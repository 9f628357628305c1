import { describe, expect, it } from "vitest";
import { StatesFailure } from "../../errors.ts";
import type { JsonObject } from "../../json.ts";
import { compileItemReader, readItems } from "./item-reader.ts";

const getObject = (config: JsonObject) =>
  compileItemReader(
    {
      Resource: "arn:aws:states:::s3:getObject",
      ReaderConfig: config,
      Parameters: { Bucket: "b", Key: "k" },
    },
    "JSONPath",
  );

const failureOf = (read: () => unknown) => {
  try {
    read();
  } catch (error) {
    if (error instanceof StatesFailure) return error.toFailure();
    throw error;
  }
  throw new Error("expected a failure");
};

describe("ItemReader items", () => {
  it("reads a JSON array, up to MaxItems", () => {
    const reader = getObject({ InputType: "JSON" });
    const body = JSON.stringify([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect(readItems(reader, { Body: body }, 0)).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect(readItems(reader, { Body: body }, 2)).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it("reads JSON Lines, skipping blank lines", () => {
    const reader = getObject({ InputType: "JSONL" });
    expect(readItems(reader, { Body: '{"a":1}\r\n\n[2]\n"x"\n' }, 0)).toEqual([{ a: 1 }, [2], "x"]);
  });

  it("reads CSV with the header in the first row; values stay strings, missing ones are empty", () => {
    const reader = getObject({ InputType: "CSV", CSVHeaderLocation: "FIRST_ROW" });
    expect(readItems(reader, { Body: 'id,name\n1,"Doe, J"\n2\n' }, 0)).toEqual([
      { id: "1", name: "Doe, J" },
      { id: "2", name: "" },
    ]);
  });

  it("reads CSV with GIVEN headers, another delimiter and MaxItems", () => {
    const reader = getObject({
      InputType: "CSV",
      CSVHeaderLocation: "GIVEN",
      CSVHeaders: ["x", "y"],
      CSVDelimiter: "SEMICOLON",
    });
    expect(readItems(reader, { Body: "1;2\n3;4\n5;6\n" }, 2)).toEqual([
      { x: "1", y: "2" },
      { x: "3", y: "4" },
    ]);
  });

  it("turns listObjectsV2 contents into the items AWS gives (Etag, LastModified in epoch seconds)", () => {
    const reader = compileItemReader(
      { Resource: "arn:aws:states:::s3:listObjectsV2", Parameters: { Bucket: "b", Prefix: "p/" } },
      "JSONPath",
    );
    const listed = {
      Contents: [
        {
          ETag: '"abc"',
          Key: "p/1.json",
          LastModified: "2026-01-02T03:04:05.000Z",
          Size: 12,
          StorageClass: "STANDARD",
        },
      ],
    };
    expect(readItems(reader, listed, 0)).toEqual([
      { Etag: '"abc"', Key: "p/1.json", LastModified: 1767323045, Size: 12, StorageClass: "STANDARD" },
    ]);
  });

  it.each([
    ["JSON that is not an array", { InputType: "JSON" }, '{"a":1}', "must hold an array"],
    ["invalid JSON", { InputType: "JSON" }, "[1,", "not valid JSON"],
    ["an invalid JSON line", { InputType: "JSONL" }, "1\n{\n", "not valid JSON Lines"],
    ["duplicate CSV headers", { InputType: "CSV" }, "a,a\n1,2\n", "CSV headers cannot contain duplicates."],
    ["an input type not read here", { InputType: "PARQUET" }, "", "PARQUET is not supported"],
  ])("fails with States.ItemReaderFailed for %s", (_name, config, body, cause) => {
    const failure = failureOf(() => readItems(getObject(config), { Body: body }, 0));
    expect(failure.error).toBe("States.ItemReaderFailed");
    expect(failure.cause).toContain(cause);
  });
});
