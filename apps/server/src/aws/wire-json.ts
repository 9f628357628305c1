/**
 * Serialises a response structure as the AWS JSON 1.0 protocol does: Date values become epoch seconds
 * (a number with a fraction), undefined members are left out.
 */
export function wireJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, replaced: unknown) {
    // JSON.stringify has already applied Date#toJSON to `replaced`; the holder still has the Date.
    const original = this[key];
    return original instanceof Date ? original.getTime() / 1000 : replaced;
  });
}
