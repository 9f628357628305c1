import { describe, expect, it } from "vitest";
import { AffixIndex } from "./affix-index.ts";

type Target = { seen: number; name: string };
const target = (name: string): Target => ({ seen: 0, name });

describe("AffixIndex", () => {
  const collect = (index: AffixIndex<Target>, text: string, epoch: number): string[] => {
    const out: Target[] = [];
    index.collect(text, epoch, out);
    return out.map((t) => t.name).sort();
  };

  it("finds every prefix of a value, the empty one included, and forgets removed ones", () => {
    const index = new AffixIndex<Target>("prefix");
    const [empty, e, eu, eu1, us] = [target(""), target("e"), target("eu"), target("eu-1"), target("us")];
    index.add("", empty);
    index.add("e", e);
    index.add("eu", eu);
    index.add("eu-1", eu1);
    index.add("us", us);
    expect(collect(index, "eu-1-central", 1)).toEqual(["", "e", "eu", "eu-1"]);
    expect(collect(index, "e", 2)).toEqual(["", "e"]);
    index.remove("eu", eu);
    index.remove("", empty);
    expect(collect(index, "eu-1", 3)).toEqual(["e", "eu-1"]);
  });

  it("finds every suffix of a value", () => {
    const index = new AffixIndex<Target>("suffix");
    index.add(".png", target(".png"));
    index.add("g", target("g"));
    index.add("jpg", target("jpg"));
    expect(collect(index, "a.png", 1)).toEqual([".png", "g"]);
    expect(collect(index, "png", 2)).toEqual(["g"]);
  });
});
