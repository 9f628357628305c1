import { useEffect, useState } from "react";

/** How a form field reads and writes its JSON value. */
export type FieldKind = "text" | "number" | "json" | "list";

/** Text shown for a JSON value in a field of `kind`. */
export function showValue(value: unknown, kind: FieldKind): string {
  if (value === undefined) return "";
  if (kind === "list") return Array.isArray(value) ? value.join(", ") : "";
  if (kind === "json") return JSON.stringify(value);
  return typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value);
}

/** The JSON value typed in a field of `kind`; empty means remove; a string is a reason it is refused. */
export function readValue(text: string, kind: FieldKind): { value: unknown } | string {
  const trimmed = text.trim();
  if (trimmed === "") return { value: undefined };
  if (kind === "number") {
    const number = Number(trimmed);
    return Number.isFinite(number) ? { value: number } : `"${trimmed}" is not a number`;
  }
  if (kind === "list")
    return {
      value: trimmed
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean),
    };
  if (kind === "json") {
    try {
      return { value: JSON.parse(trimmed) as unknown };
    } catch {
      return `"${trimmed}" is not JSON`;
    }
  }
  return { value: text };
}

/**
 * One form field: edits stay local while typing and are committed (one undo step) on Enter or blur;
 * Escape restores the document's value.
 */
export function FieldInput(props: {
  label: string;
  testId: string;
  value: unknown;
  kind?: FieldKind;
  onCommit: (value: unknown) => void;
  onRefuse: (reason: string) => void;
}) {
  const kind = props.kind ?? "text";
  const shown = showValue(props.value, kind);
  const [draft, setDraft] = useState(shown);
  useEffect(() => setDraft(shown), [shown]);
  const commit = (): void => {
    if (draft === shown) return;
    const read = readValue(draft, kind);
    if (typeof read === "string") props.onRefuse(read);
    else props.onCommit(read.value);
  };
  return (
    <label className="form-field">
      <span>{props.label}</span>
      <input
        data-testid={props.testId}
        value={draft}
        inputMode={kind === "number" ? "decimal" : undefined}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === "Enter") commit();
          else if (event.key === "Escape") setDraft(shown);
        }}
      />
    </label>
  );
}
