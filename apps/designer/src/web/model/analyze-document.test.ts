import { describe, expect, it } from "vitest";
import { analyzeDocument } from "./analyze-document.ts";

const valid = '{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}';

describe("analyzeDocument", () => {
  it("gives a valid text's value and, on demand, its tree", () => {
    const analysis = analyzeDocument(valid);
    expect(analysis).toMatchObject({ parsed: true, problems: [] });
    expect(analysis.tree()?.type).toBe("object");
    expect(analysis.tree()).toBe(analysis.tree());
  });

  it("locates a problem in the text", () => {
    const text = valid.replace('"End": true', '"Next": "B"');
    const [problem] = analyzeDocument(text).problems;
    expect(problem?.stateId).toBe("A");
    expect(text.slice(problem?.from, problem?.to)).toBe('"Next": "B"');
  });

  it("opens invalid JSON with one problem at the syntax error", () => {
    const analysis = analyzeDocument('{"StartAt": "A",, }');
    expect(analysis.parsed).toBe(false);
    expect(analysis.problems).toHaveLength(1);
    expect(analysis.problems[0]?.from).toBe(16);
    expect(analysis.tree()?.type).toBe("object");
  });
});
