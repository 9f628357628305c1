import { describe, expect, it } from "vitest";
import type { EventTargetInput } from "./event-target-input.ts";
import { transformTarget } from "./transform-target.ts";
import { validateTarget } from "./validate-target.ts";

const event = {
  version: "0",
  id: "e1",
  "detail-type": "t",
  source: "s",
  account: "1",
  time: "2024-01-01T00:00:00Z",
  region: "r",
  resources: [],
  detail: { name: 'a "quoted" name', n: 5, obj: { k: 1 }, list: ["x"] },
};
const context = { ruleArn: "arn:rule", ruleName: "rule", ingestionTime: "2024-01-01T00:00:01Z" };
const transformer = (template: string, paths: Record<string, string> = {}): EventTargetInput => ({
  Id: "t1",
  InputTransformer: { InputPathsMap: paths, InputTemplate: template },
});

describe("transformTarget", () => {
  it.each([
    ["whole event by default", { Id: "t1" }, JSON.stringify(event)],
    ["constant Input", { Input: '{"x":1}' }, '{"x":1}'],
    ["InputPath object", { InputPath: "$.detail.obj" }, '{"k":1}'],
    ["InputPath scalar", { InputPath: "$.detail.n" }, "5"],
    [
      "string inside quotes is bare and escaped",
      transformer('{"v": "<v>"}', { v: "$.detail.name" }),
      '{"v": "a \\"quoted\\" name"}',
    ],
    [
      "string outside quotes is JSON",
      transformer('{"v": <v>}', { v: "$.detail.name" }),
      '{"v": "a \\"quoted\\" name"}',
    ],
    ["object outside quotes", transformer('{"v": <v>}', { v: "$.detail.obj" }), '{"v": {"k":1}}'],
    ["missing value inside quotes", transformer('"x<v>y"', { v: "$.nope" }), '"xy"'],
    ["missing value outside quotes", transformer('{"v": <v>}', { v: "$.nope" }), '{"v": null}'],
    ["bracket path", transformer('"<v>"', { v: "$['detail-type']" }), '"t"'],
    ["rule name and arn", transformer('"<aws.events.rule-name> <aws.events.rule-arn>"'), '"rule arn:rule"'],
    ["ingestion time", transformer('"<aws.events.event.ingestion-time>"'), '"2024-01-01T00:00:01Z"'],
  ])("%s", (_name, target, payload) => {
    validateTarget(target);
    expect(transformTarget(target, event, context)).toEqual({ delivered: true, payload });
  });

  it("renders <aws.events.event> without detail and with detailType", () => {
    const outcome = transformTarget(transformer('{"e": <aws.events.event>}'), event, context);
    expect(outcome.delivered && JSON.parse(outcome.payload)).toEqual({
      e: {
        version: "0",
        id: "e1",
        detailType: "t",
        source: "s",
        account: "1",
        time: event.time,
        region: "r",
        resources: [],
      },
    });
  });

  it("does not deliver a JSON template that substitution broke", () => {
    const outcome = transformTarget(transformer('{"v": "<v>"}', { v: "$.detail.obj" }), event, context);
    expect(outcome.delivered).toBe(false);
  });
});

describe("validateTarget", () => {
  it.each([
    [transformer('"<nope>"'), "InputTemplate for target t1 contains invalid placeholder nope."],
    [
      transformer("[<aws.events.event.json>]"),
      "InputTemplate for target t1 contains placeholder aws.events.event.json valid only for JSON template.",
    ],
  ])("rejects %j", (target, message) => {
    expect(() => validateTarget(target)).toThrow(message);
  });
});
