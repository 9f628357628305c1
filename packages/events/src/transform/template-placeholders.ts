/** Placeholders EventBridge fills in without an InputPathsMap entry. */
export const PredefinedPlaceholders: ReadonlySet<string> = new Set([
  "aws.events.rule-arn",
  "aws.events.rule-name",
  "aws.events.event.ingestion-time",
  "aws.events.event",
  "aws.events.event.json",
]);

/** One `<name>` in an InputTemplate, and whether it sits inside a JSON string literal. */
export type TemplatePlaceholder = { name: string; start: number; end: number; quoted: boolean };

/**
 * Finds the `<name>` placeholders of an InputTemplate, noting for each whether it is inside a double-quoted
 * string: EventBridge inserts a string value bare inside quotes and as JSON text outside them.
 */
export function templatePlaceholders(template: string): TemplatePlaceholder[] {
  const out: TemplatePlaceholder[] = [];
  let quoted = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === "\\" && quoted) {
      i++;
      continue;
    }
    if (c === '"') {
      quoted = !quoted;
      continue;
    }
    if (c === "<") {
      const match = /^<([A-Za-z0-9_.-]+)>/.exec(template.slice(i));
      if (match !== null) {
        out.push({ name: match[1] ?? "", start: i, end: i + match[0].length, quoted });
        i += match[0].length - 1;
      }
    }
  }
  return out;
}
