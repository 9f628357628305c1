import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * An example package under `<root>/examples/*` whose package.json has a `"stepflow"` section: `handlers`
 * (a module of Task handlers run in-process), `setup` (a module whose `setup({ engine, bus, queue, log })`
 * installs the example's state machines and rules and may return a router), `static` (a folder served as
 * the example's page). Paths are absolute.
 */
export interface ExamplePackage {
  /** The folder's name: the example is served at `/examples/<name>/`. */
  name: string;
  dir: string;
  handlers?: string;
  setup?: string;
  static?: string;
}

/** The example packages under `<root>/examples`, by folder name; none when there is no such folder. */
export async function examplePackages(root: string): Promise<ExamplePackage[]> {
  const dir = join(root, "examples");
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const found: ExamplePackage[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const home = join(dir, entry.name);
    const manifest = await readFile(join(home, "package.json"), "utf8").catch(() => undefined);
    if (manifest === undefined) continue;
    const section = (JSON.parse(manifest) as { stepflow?: Record<string, unknown> }).stepflow;
    if (typeof section !== "object" || section === null) continue;
    const example: ExamplePackage = { name: entry.name, dir: home };
    for (const key of ["handlers", "setup", "static"] as const) {
      const value = section[key];
      if (typeof value === "string") example[key] = join(home, value);
    }
    found.push(example);
  }
  return found;
}
