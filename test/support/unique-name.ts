import { randomBytes } from "node:crypto";

/**
 * A name no other test file (or concurrent run) will pick: `prefix`, a readable `label` squeezed to
 * `[a-z0-9_]`, the process id and random hex. At most 63 characters, PostgreSQL's identifier limit.
 */
export function uniqueName(prefix: string, label = "test"): string {
  const tail = `${process.pid.toString(36)}_${randomBytes(5).toString("hex")}`;
  const room = 63 - prefix.length - tail.length - 2;
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, Math.max(room, 0));
  return `${prefix}_${slug === "" ? "test" : slug}_${tail}`.slice(0, 63);
}
