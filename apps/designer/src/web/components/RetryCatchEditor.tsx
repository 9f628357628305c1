import { FieldInput } from "./FieldInput.tsx";
import type { StateEdit } from "./StateForm.tsx";
import { isFields, type Fields } from "../model/is-fields.ts";

/** Retry and Catch list editors of a Task, Parallel or Map (a JSONata catcher has Output, not ResultPath). */
export function RetryCatchEditor(props: {
  state: Fields;
  name: string;
  siblings: string[];
  jsonata: boolean;
  edit: StateEdit;
  onRefuse: (reason: string) => void;
}) {
  const { state, name, siblings, jsonata, edit, onRefuse } = props;
  const retry = Array.isArray(state["Retry"]) ? (state["Retry"] as unknown[]) : [];
  const catchers = Array.isArray(state["Catch"]) ? (state["Catch"] as unknown[]) : [];
  const field = (
    list: "Retry" | "Catch",
    i: number,
    key: string,
    entry: unknown,
    kind: "list" | "number" | "text" | "jsonata",
  ) => (
    <FieldInput
      key={key}
      label={key}
      testId={`field:${list}.${i}.${key}`}
      value={isFields(entry) ? entry[key] : undefined}
      kind={kind}
      onCommit={(value) => edit([{ path: [list, i, key], value }])}
      onRefuse={onRefuse}
    />
  );
  const add = (list: "Retry" | "Catch", entry: Fields): void =>
    edit([
      (list === "Retry" ? retry : catchers).length === 0
        ? { path: [list], value: [entry] }
        : { path: [list, -1], value: entry },
    ]);
  return (
    <>
      <fieldset data-testid="retry-editor">
        <legend>Retry</legend>
        {retry.map((retrier, i) => (
          <div className="list-row" key={i} data-testid={`retrier:${i}`}>
            {field("Retry", i, "ErrorEquals", retrier, "list")}
            {(["IntervalSeconds", "MaxAttempts", "BackoffRate"] as const).map((key) =>
              field("Retry", i, key, retrier, "number"),
            )}
            <button
              type="button"
              data-testid={`remove-retrier:${i}`}
              onClick={() => edit([{ path: ["Retry", i], value: undefined }])}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          data-testid="add-retrier"
          onClick={() => add("Retry", { ErrorEquals: ["States.ALL"] })}
        >
          Add retrier
        </button>
      </fieldset>
      <fieldset data-testid="catch-editor">
        <legend>Catch</legend>
        {catchers.map((catcher, i) => (
          <div className="list-row" key={i} data-testid={`catcher:${i}`}>
            {field("Catch", i, "ErrorEquals", catcher, "list")}
            {field("Catch", i, "Next", catcher, "text")}
            {jsonata
              ? field("Catch", i, "Output", catcher, "jsonata")
              : field("Catch", i, "ResultPath", catcher, "text")}
            <button
              type="button"
              data-testid={`remove-catcher:${i}`}
              onClick={() => edit([{ path: ["Catch", i], value: undefined }])}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          data-testid="add-catcher"
          disabled={siblings.length < 2}
          onClick={() =>
            add("Catch", { ErrorEquals: ["States.ALL"], Next: siblings.find((s) => s !== name) ?? name })
          }
        >
          Add catcher
        </button>
      </fieldset>
    </>
  );
}
