/** One case's verdict. */
export interface Verdict {
  id: string;
  category: string;
  diff: string | undefined;
}

/** Prints one line per failing case, a table per category, and `N passed, N failed`. */
export function report(title: string, verdicts: Verdict[]): string {
  const lines = [`${title}`];
  for (const v of verdicts) if (v.diff) lines.push(`  FAIL ${v.id}\n       ${v.diff.slice(0, 400)}`);
  const categories = new Map<string, { passed: number; failed: number }>();
  for (const v of verdicts) {
    const row = categories.get(v.category) ?? { passed: 0, failed: 0 };
    if (v.diff) row.failed++;
    else row.passed++;
    categories.set(v.category, row);
  }
  lines.push("  category                 passed  failed");
  for (const [name, row] of [...categories].sort()) {
    lines.push(`  ${name.padEnd(24)} ${String(row.passed).padStart(6)}  ${String(row.failed).padStart(6)}`);
  }
  const failed = verdicts.filter((v) => v.diff).length;
  lines.push(`${verdicts.length - failed} passed, ${failed} failed`);
  return lines.join("\n");
}
