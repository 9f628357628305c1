import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Download, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { designerSession } from "./support/designer-session.ts";

const ARTIFACTS = fileURLToPath(new URL("../test-results/", import.meta.url));

const designer = designerSession();

async function downloadBytes(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [download]: [Download, void] = await Promise.all([
    page.waitForEvent("download"),
    page.click(`[data-testid="${testId}"]`),
  ]);
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

describe("export", () => {
  let svgWidth = 0;
  let svgHeight = 0;

  it("exports the whole graph as SVG: every node and edge, even those out of view", async () => {
    const { page } = designer;
    // Zoom in so most of the graph is off screen: the export must not depend on the viewport.
    for (let i = 0; i < 4; i++) await page.click(".react-flow__controls-zoomin");
    const { name, bytes } = await downloadBytes(page, "export-svg");
    const svg = bytes.toString("utf8");
    expect(name).toMatch(/\.svg$/);
    expect(svg.startsWith("<svg ")).toBe(true);
    const nodeIds = await page
      .locator('[data-testid^="node:"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute("data-testid")!.slice(5)).sort());
    const exportedIds = [...svg.matchAll(/<g data-id="([^"]+)"/g)]
      .map((m) => m[1]!.replaceAll("&amp;", "&"))
      .sort();
    expect(exportedIds).toEqual(nodeIds);
    const edgeCount = await page.locator('g[data-testid^="edge:"]').count();
    expect([...svg.matchAll(/<g data-edge=/g)].length).toBe(edgeCount);
    expect(svg).toMatch(/data-kind="catch"><path [^>]*stroke-dasharray/);
    svgWidth = Number(/ width="(\d+)"/.exec(svg)?.[1]);
    svgHeight = Number(/ height="(\d+)"/.exec(svg)?.[1]);
    expect(svgWidth).toBeGreaterThan(100);
  });

  it("exports a PNG of the same picture at twice its size", async () => {
    const { page } = designer;
    const { name, bytes } = await downloadBytes(page, "export-png");
    expect(name).toMatch(/\.png$/);
    await mkdir(ARTIFACTS, { recursive: true });
    await writeFile(`${ARTIFACTS}export-order-fulfillment.png`, bytes);
    expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    // IHDR: width and height are the first two big-endian words of its data.
    expect(bytes.readUInt32BE(16)).toBe(svgWidth * 2);
    expect(bytes.readUInt32BE(20)).toBe(svgHeight * 2);
    expect(designer.errors).toEqual([]);
  });
});
