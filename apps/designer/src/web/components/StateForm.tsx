import type { JsonLocation } from "../model/state-graph.ts";
import type { GraphNode } from "../model/state-graph.ts";
import { FieldInput, type FieldKind } from "./FieldInput.tsx";

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A field change the form asks for: set (or with `undefined`, remove) values at these locations. */
export type FieldChange = { location: JsonLocation; value: unknown }[];

/** The scalar fields each state type shows besides Comment and Next/End. */
const TYPE_FIELDS: Record<string, [string, FieldKind][]> = {
  Task: [
    ["Resource", "text"],
    ["TimeoutSeconds", "number"],
    ["HeartbeatSeconds", "number"],
  ],
  Wait: [
    ["Seconds", "number"],
    ["Timestamp", "text"],
    ["SecondsPath", "text"],
    ["TimestampPath", "text"],
  ],
  Fail: [
    ["Error", "text"],
    ["Cause", "text"],
  ],
  Map: [
    ["ItemsPath", "text"],
    ["MaxConcurrency", "number"],
  ],
  Pass: [["Result", "json"]],
};

const HAS_TRANSITION = new Set(["Task", "Pass", "Wait", "Parallel", "Map"]);
const HAS_ERRORS = new Set(["Task", "Parallel", "Map"]);

/** The config form of the selected state: type fields, Next/End, Retry, Catch and Assign editors. */
export function StateForm(props: {
  node: GraphNode;
  state: unknown;
  siblings: string[];
  onChange: (change: FieldChange) => void;
  onRefuse: (reason: string) => void;
}) {
  const { node, siblings, onChange, onRefuse } = props;
  const state = isObj(props.state) ? props.state : {};
  const at = (...path: JsonLocation): JsonLocation => [...node.location, ...path];
  const set = (path: JsonLocation, value: unknown): void => onChange([{ location: at(...path), value }]);
  const field = (key: string, kind: FieldKind = "text", path: JsonLocation = [key], value = state[key]) => (
    <FieldInput
      key={path.join("/")}
      label={key}
      testId={`field:${path.join(".")}`}
      value={value}
      kind={kind}
      onCommit={(v) => set(path, v)}
      onRefuse={onRefuse}
    />
  );
  const retry = Array.isArray(state["Retry"]) ? state["Retry"] : [];
  const catchers = Array.isArray(state["Catch"]) ? state["Catch"] : [];
  const assign = isObj(state["Assign"]) ? state["Assign"] : {};
  const next = typeof state["Next"] === "string" ? state["Next"] : state["End"] === true ? "" : undefined;
  return (
    <form
      className="state-form"
      data-testid="state-form"
      aria-label={`${node.name} settings`}
      onSubmit={(event) => event.preventDefault()}
    >
      <h2>
        {node.name} <span className="node-type">{node.type}</span>
      </h2>
      {field("Comment")}
      {(TYPE_FIELDS[node.type] ?? []).map(([key, kind]) => field(key, kind))}
      {HAS_TRANSITION.has(node.type) && (
        <label className="form-field">
          <span>Next</span>
          <select
            data-testid="field:Next"
            value={next ?? ""}
            onChange={(event) => {
              const target = event.target.value;
              onChange(
                target === ""
                  ? [
                      { location: at("End"), value: true },
                      { location: at("Next"), value: undefined },
                    ]
                  : [
                      { location: at("Next"), value: target },
                      { location: at("End"), value: undefined },
                    ],
              );
            }}
          >
            <option value="">(End)</option>
            {siblings
              .filter((name) => name !== node.name)
              .map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
          </select>
        </label>
      )}
      {HAS_ERRORS.has(node.type) && (
        <fieldset data-testid="retry-editor">
          <legend>Retry</legend>
          {retry.map((retrier, i) => (
            <div className="list-row" key={i} data-testid={`retrier:${i}`}>
              {field(
                "ErrorEquals",
                "list",
                ["Retry", i, "ErrorEquals"],
                isObj(retrier) ? retrier["ErrorEquals"] : undefined,
              )}
              {(["IntervalSeconds", "MaxAttempts", "BackoffRate"] as const).map((key) =>
                field(key, "number", ["Retry", i, key], isObj(retrier) ? retrier[key] : undefined),
              )}
              <button
                type="button"
                data-testid={`remove-retrier:${i}`}
                onClick={() => set(["Retry", i], undefined)}
              >
                Remove
              </button>
            </div>
          ))}
          <button
            type="button"
            data-testid="add-retrier"
            onClick={() =>
              retry.length === 0
                ? set(["Retry"], [{ ErrorEquals: ["States.ALL"] }])
                : set(["Retry", -1], { ErrorEquals: ["States.ALL"] })
            }
          >
            Add retrier
          </button>
        </fieldset>
      )}
      {HAS_ERRORS.has(node.type) && (
        <fieldset data-testid="catch-editor">
          <legend>Catch</legend>
          {catchers.map((catcher, i) => (
            <div className="list-row" key={i} data-testid={`catcher:${i}`}>
              {field(
                "ErrorEquals",
                "list",
                ["Catch", i, "ErrorEquals"],
                isObj(catcher) ? catcher["ErrorEquals"] : undefined,
              )}
              {field("Next", "text", ["Catch", i, "Next"], isObj(catcher) ? catcher["Next"] : undefined)}
              {field(
                "ResultPath",
                "text",
                ["Catch", i, "ResultPath"],
                isObj(catcher) ? catcher["ResultPath"] : undefined,
              )}
              <button
                type="button"
                data-testid={`remove-catcher:${i}`}
                onClick={() => set(["Catch", i], undefined)}
              >
                Remove
              </button>
            </div>
          ))}
          <button
            type="button"
            data-testid="add-catcher"
            disabled={siblings.length < 2}
            onClick={() => {
              const target = siblings.find((name) => name !== node.name) ?? node.name;
              const catcher = { ErrorEquals: ["States.ALL"], Next: target };
              if (catchers.length === 0) set(["Catch"], [catcher]);
              else set(["Catch", -1], catcher);
            }}
          >
            Add catcher
          </button>
        </fieldset>
      )}
      <fieldset data-testid="assign-editor">
        <legend>Assign</legend>
        {Object.entries(assign).map(([name, value]) => field(name, "json", ["Assign", name], value))}
        <FieldInput
          label="New variable (name=JSON value)"
          testId="assign-new"
          value={undefined}
          onRefuse={onRefuse}
          onCommit={(typed) => {
            const text = typeof typed === "string" ? typed : "";
            const eq = text.indexOf("=");
            const name = text.slice(0, eq).trim();
            if (eq <= 0 || name === "") return onRefuse("write a variable as name=value");
            let value: unknown;
            try {
              value = JSON.parse(text.slice(eq + 1));
            } catch {
              return onRefuse(`the value of ${name} is not JSON`);
            }
            if (Object.keys(assign).length === 0 && !isObj(state["Assign"]))
              set(["Assign"], { [name]: value });
            else set(["Assign", name], value);
          }}
        />
      </fieldset>
    </form>
  );
}
