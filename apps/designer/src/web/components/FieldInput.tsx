import { jsonataSyntaxProblem } from "@stepflow/asl";
import { useEffect, useState } from "react";

/**
 * How a form field reads and writes its JSON value. `jsonata`: a `{% %}` expression typed as it is,
 * or any JSON value (Arguments, Output, Items, ...), every expression in it syntax-checked.
 */
export type FieldKind = "text" | "number" | "json" | "list" | "jsonata";

/** Text shown for a JSON value in a field of `kind`. */
export function showValue(value: unknown, kind: FieldKind): string {
  if (value === undefined) return "";
  if (kind === "list") return Array.isArray(value) ? value.join(", ") : "";
  if (kind === "json") return JSON.stringify(value);
  if (kind === "jsonata")
    return typeof value === "string" && value.startsWith("{%") ? value : JSON.stringify(value);
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
  if (kind === "jsonata") {
    if (trimmed.startsWith("{%")) {
      if (!trimmed.endsWith("%}")) return "a JSONata expression is written {% expression %}";
      return jsonataProblems(trimmed) ?? { value: trimmed };
    }
    try {
      const value = JSON.parse(trimmed) as unknown;
      return jsonataProblems(value) ?? { value };
    } catch {
      return `"${trimmed}" is neither JSON nor a {% JSONata %} expression`;
    }
  }
  if (kind === "json") {
    try {
      return { value: JSON.parse(trimmed) as unknown };
    } catch {
      return `"${trimmed}" is not JSON`;
    }
  }
  return { value: text };
}

/** The first `{% %}` string in `value` that does not compile, as a reason. */
function jsonataProblems(value: unknown): string | undefined {
  if (typeof value === "string")
    return value.startsWith("{%") && value.endsWith("%}") ? jsonataSyntaxProblem(value) : undefined;
  if (typeof value !== "object" || value === null) return undefined;
  for (const item of Object.values(value)) {
    const problem = jsonataProblems(item);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/**
 * One form field: edits stay local while typing and are committed (one undo step) on Enter or blur;
 * Escape restores the document's value. The draft is checked as it is typed (its kind, then `check`):
 * a problem shows under the field and the draft is not committed.
 */
export function FieldInput(props: {
  label: string;
  testId: string;
  value: unknown;
  kind?: FieldKind;
  /** Why a value read from the draft is not acceptable here, or undefined. */
  check?: (value: unknown) => string | undefined;
  onCommit: (value: unknown) => void;
  onRefuse: (reason: string) => void;
}) {
  const kind = props.kind ?? "text";
  const shown = showValue(props.value, kind);
  const [draft, setDraft] = useState(shown);
  useEffect(() => setDraft(shown), [shown]);
  const read = readValue(draft, kind);
  const problem =
    typeof read === "string" ? read : read.value === undefined ? undefined : props.check?.(read.value);
  const commit = (): void => {
    if (draft === shown) return;
    if (problem !== undefined) props.onRefuse(problem);
    else if (typeof read !== "string") props.onCommit(read.value);
  };
  return (
    <label className="form-field">
      <span>{props.label}</span>
      <input
        data-testid={props.testId}
        value={draft}
        aria-invalid={problem !== undefined}
        inputMode={kind === "number" ? "decimal" : undefined}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === "Enter") commit();
          else if (event.key === "Escape") setDraft(shown);
        }}
      />
      {problem !== undefined && draft !== shown && (
        <span className="field-problem" role="alert" data-testid={`${props.testId}:problem`}>
          {problem}
        </span>
      )}
    </label>
  );
}
