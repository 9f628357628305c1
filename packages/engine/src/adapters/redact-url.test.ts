import { expect, test } from "vitest";
import { redactUrl } from "./redact-url.ts";

test.each([
  ["postgres://app:s3cret@db:5432/app", "postgres://app:***@db:5432/app"],
  ["postgres://app@db/app", "postgres://app@db/app"],
  ["postgres://db/app?user=app&password=s3cret", "postgres://db/app?user=app&password=***"],
  ["postgres://app:p%40ss@db/app", "postgres://app:***@db/app"],
  ["not a url s3cret", "(a URL that does not parse)"],
])("redactUrl(%s)", (url, expected) => {
  expect(redactUrl(url)).toBe(expected);
});
