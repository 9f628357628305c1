import { describe, expect, it } from "vitest";
import { HISTORY_LIMIT, commitText, redo, startHistory, undo } from "./edit-history.ts";

describe("edit history", () => {
  it("undoes and redoes across separate commits", () => {
    let h = startHistory("a");
    h = commitText(h, "b", 0);
    h = commitText(h, "c", 1);
    h = undo(h);
    expect(h.present).toBe("b");
    h = undo(h);
    expect(h.present).toBe("a");
    expect(undo(h)).toBe(h);
    h = redo(redo(h));
    expect(h.present).toBe("c");
    expect(redo(h)).toBe(h);
  });

  it("merges a burst of typing into one step, but not across a pause or another group", () => {
    let h = startHistory("");
    for (const [i, text] of ["t", "ty", "typ"].entries()) h = commitText(h, text, i * 100, "typing");
    expect(h.past).toEqual([""]);
    h = commitText(h, "typ!", 2000, "typing");
    expect(h.past).toEqual(["", "typ"]);
    h = commitText(h, "graph", 2001);
    h = commitText(h, "graph+", 2002, "typing");
    expect(h.past).toEqual(["", "typ", "typ!", "graph"]);
  });

  it("drops redo on a new edit and keeps at most HISTORY_LIMIT steps", () => {
    let h = startHistory("0");
    for (let i = 1; i <= HISTORY_LIMIT + 10; i++) h = commitText(h, String(i), i);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    h = commitText(undo(h), "new", 1e6);
    expect(h.future).toEqual([]);
  });
});
