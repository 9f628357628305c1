import { describe, expect, test } from "vitest";
import { JobFifo } from "./job-fifo.ts";

describe("JobFifo", () => {
  test("keeps insertion order across compactions", () => {
    const fifo = new JobFifo<number>();
    let pushed = 0;
    let shifted = 0;
    // Uneven push/shift rounds drive the head past the compaction threshold several times.
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 300; i++) fifo.push(pushed++);
      for (let i = 0; i < 250; i++) expect(fifo.shift()).toBe(shifted++);
      expect(fifo.length).toBe(pushed - shifted);
    }
    while (fifo.length > 0) expect(fifo.shift()).toBe(shifted++);
    expect(shifted).toBe(pushed);
    expect(fifo.shift()).toBeUndefined();
  });
});
