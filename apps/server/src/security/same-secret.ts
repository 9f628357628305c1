import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Compares a presented secret with a known one in constant time. Both are hashed first, so neither the
 * content nor the length of the known secret leaks through timing.
 */
export function sameSecret(presented: string, known: string): boolean {
  const a = createHash("sha256").update(presented, "utf8").digest();
  const b = createHash("sha256").update(known, "utf8").digest();
  return timingSafeEqual(a, b);
}
