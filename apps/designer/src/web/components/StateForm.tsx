import { jsonataSyntaxProblem, pathSyntaxProblem } from "@stepflow/asl";
import { referencePathProblem } from "../choice/choice-operators.ts";
import { convertToJsonata } from "../jsonata/convert-to-jsonata.ts";
import type { FieldChangeEntry } from "../model/set-state-field.ts";
import type { GraphNode, JsonLocation } from "../model/state-graph.ts";
import { ChoiceEditor } from "./ChoiceEditor.tsx";
import { FieldInput, type FieldKind } from "./FieldInput.tsx";
import { RetryCatchEditor } from "./RetryCatchEditor.tsx";
import { isFields } from "../model/is-fields.ts";

/** A field change the form asks for: set (or with `undefined`, remove) values at these locations. */
export type FieldChange = FieldChangeEntry[];

/** An edit of the selected state: changes at paths relative to the state object (one undo step). */
export type StateEdit = (changes: { path: JsonLocation; value: unknown; renameTo?: string }[]) => void;

type Field = [key: string, kind: FieldKind];
type Check = (value: unknown) => string | undefined;

/** The scalar fields each state type shows besides Comment and Next/End, per query language. */
const TYPE_FIELDS: Record<"JSONPath" | "JSONata", Record<string, Field[]>> = {
  JSONPath: {
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
  },
  JSONata: {
    Task: [
      ["Resource", "text"],
      ["TimeoutSeconds", "jsonata"],
      ["HeartbeatSeconds", "jsonata"],
    ],
    Wait: [
      ["Seconds", "jsonata"],
      ["Timestamp", "text"],
    ],
    Fail: [
      ["Error", "text"],
      ["Cause", "text"],
    ],
    Map: [
      ["Items", "jsonata"],
      ["MaxConcurrency", "jsonata"],
    ],
  },
};

/** The data-flow fields: JSONPath's paths and templates, or JSONata's Arguments / Output. */
const DATA_FLOW: Record<"JSONPath" | "JSONata", Record<string, Field[]>> = {
  JSONPath: {
    Task: [
      ["InputPath", "text"],
      ["Parameters", "json"],
      ["ResultSelector", "json"],
      ["ResultPath", "text"],
      ["OutputPath", "text"],
    ],
    Parallel: [
      ["InputPath", "text"],
      ["Parameters", "json"],
      ["ResultSelector", "json"],
      ["ResultPath", "text"],
      ["OutputPath", "text"],
    ],
    Map: [
      ["InputPath", "text"],
      ["ItemSelector", "json"],
      ["ResultSelector", "json"],
      ["ResultPath", "text"],
      ["OutputPath", "text"],
    ],
    Pass: [
      ["InputPath", "text"],
      ["Parameters", "json"],
      ["ResultPath", "text"],
      ["OutputPath", "text"],
    ],
    Choice: [
      ["InputPath", "text"],
      ["OutputPath", "text"],
    ],
    Wait: [
      ["InputPath", "text"],
      ["OutputPath", "text"],
    ],
    Succeed: [
      ["InputPath", "text"],
      ["OutputPath", "text"],
    ],
  },
  JSONata: {
    Task: [
      ["Arguments", "jsonata"],
      ["Output", "jsonata"],
    ],
    Parallel: [
      ["Arguments", "jsonata"],
      ["Output", "jsonata"],
    ],
    Map: [
      ["ItemSelector", "jsonata"],
      ["Output", "jsonata"],
    ],
    Pass: [["Output", "jsonata"]],
    Choice: [["Output", "jsonata"]],
    Wait: [["Output", "jsonata"]],
    Succeed: [["Output", "jsonata"]],
  },
};

const CHECKS: Record<string, Check> = {
  InputPath: (v) => (typeof v === "string" ? pathSyntaxProblem(v) : undefined),
  OutputPath: (v) => (typeof v === "string" ? pathSyntaxProblem(v) : undefined),
  ItemsPath: (v) => (typeof v === "string" ? referencePathProblem(v) : undefined),
  ResultPath: (v) => (typeof v === "string" ? referencePathProblem(v) : undefined),
  SecondsPath: (v) => (typeof v === "string" ? referencePathProblem(v) : undefined),
  TimestampPath: (v) => (typeof v === "string" ? referencePathProblem(v) : undefined),
};

/** Text fields of a JSONata state that may hold a `{% %}` expression instead (ASL evaluates them). */
const EXPRESSION_TEXT = new Set(["Error", "Cause", "Timestamp"]);
const expressionText: Check = (v) =>
  typeof v === "string" && v.startsWith("{%") ? jsonataSyntaxProblem(v) : undefined;

const HAS_TRANSITION = new Set(["Task", "Pass", "Wait", "Parallel", "Map"]);
const HAS_ERRORS = new Set(["Task", "Parallel", "Map"]);

/**
 * The config form of the selected state, in its query language: type fields, data flow (JSONPath
 * paths and templates, or JSONata Arguments / Output with `{% %}` expressions), the Choice rule
 * builder, Next/End, Retry, Catch and Assign; "Convert to JSONata" for a JSONPath state.
 */
export function StateForm(props: {
  node: GraphNode;
  state: unknown;
  siblings: string[];
  jsonata: boolean;
  onChange: (change: FieldChange) => void;
  onRefuse: (reason: string) => void;
}) {
  const { node, siblings, jsonata, onChange, onRefuse } = props;
  const state = isFields(props.state) ? props.state : {};
  const language = jsonata ? "JSONata" : "JSONPath";
  const edit: StateEdit = (changes) =>
    onChange(changes.map(({ path, ...change }) => ({ ...change, location: [...node.location, ...path] })));
  const field = ([key, kind]: Field) => (
    <FieldInput
      key={key}
      label={key}
      testId={`field:${key}`}
      value={state[key]}
      kind={kind}
      {...checkOf(key)}
      onCommit={(value) => edit([{ path: [key], value }])}
      onRefuse={onRefuse}
    />
  );
  const checkOf = (key: string): { check?: Check } => {
    const check = jsonata ? (EXPRESSION_TEXT.has(key) ? expressionText : undefined) : CHECKS[key];
    return check === undefined ? {} : { check };
  };
  const assign = isFields(state["Assign"]) ? state["Assign"] : {};
  const next = typeof state["Next"] === "string" ? state["Next"] : state["End"] === true ? "" : undefined;
  const targets = siblings.filter((name) => name !== node.name);
  return (
    <form
      className="state-form"
      data-testid="state-form"
      data-query-language={language}
      aria-label={`${node.name} settings`}
      onSubmit={(event) => event.preventDefault()}
    >
      <h2>
        {node.name} <span className="node-type">{node.type}</span>{" "}
        <span className="query-language">{language}</span>
      </h2>
      {!jsonata && (
        <div className="form-actions">
          <button
            type="button"
            data-testid="convert-jsonata"
            onClick={() => {
              const conversion = convertToJsonata(state);
              if (!conversion.ok) onRefuse(`cannot convert ${node.name} to JSONata: ${conversion.reason}`);
              else edit(conversion.changes);
            }}
          >
            Convert to JSONata
          </button>
        </div>
      )}
      {field(["Comment", "text"])}
      {(TYPE_FIELDS[language][node.type] ?? []).map(field)}
      {(DATA_FLOW[language][node.type] ?? []).map(field)}
      {node.type === "Choice" && (
        <ChoiceEditor state={state} jsonata={jsonata} targets={targets} edit={edit} onRefuse={onRefuse} />
      )}
      {HAS_TRANSITION.has(node.type) && (
        <label className="form-field">
          <span>Next</span>
          <select
            data-testid="field:Next"
            value={next ?? ""}
            onChange={(event) => {
              const target = event.target.value;
              edit(
                target === ""
                  ? [
                      { path: ["End"], value: true },
                      { path: ["Next"], value: undefined },
                    ]
                  : [
                      { path: ["Next"], value: target },
                      { path: ["End"], value: undefined },
                    ],
              );
            }}
          >
            <option value="">(End)</option>
            {targets.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      )}
      {HAS_ERRORS.has(node.type) && (
        <RetryCatchEditor
          state={state}
          name={node.name}
          siblings={siblings}
          jsonata={jsonata}
          edit={edit}
          onRefuse={onRefuse}
        />
      )}
      <fieldset data-testid="assign-editor">
        <legend>Assign</legend>
        {Object.entries(assign).map(([name, value]) => (
          <FieldInput
            key={name}
            label={name}
            testId={`field:Assign.${name}`}
            value={value}
            kind={jsonata ? "jsonata" : "json"}
            onCommit={(v) => edit([{ path: ["Assign", name], value: v }])}
            onRefuse={onRefuse}
          />
        ))}
        <FieldInput
          label={`New variable (name=${jsonata ? "JSON or {% expression %}" : "JSON value"})`}
          testId="assign-new"
          value={undefined}
          onRefuse={onRefuse}
          onCommit={(typed) => {
            const text = typeof typed === "string" ? typed : "";
            const eq = text.indexOf("=");
            const name = text.slice(0, eq).trim();
            if (eq <= 0 || name === "") return onRefuse("write a variable as name=value");
            const raw = text.slice(eq + 1).trim();
            let value: unknown;
            if (jsonata && raw.startsWith("{%")) {
              const problem = jsonataSyntaxProblem(raw);
              if (problem !== undefined) return onRefuse(problem);
              value = raw;
            } else {
              try {
                value = JSON.parse(raw);
              } catch {
                return onRefuse(`the value of ${name} is not JSON`);
              }
            }
            if (Object.keys(assign).length === 0 && !isFields(state["Assign"]))
              edit([{ path: ["Assign"], value: { [name]: value } }]);
            else edit([{ path: ["Assign", name], value }]);
          }}
        />
      </fieldset>
    </form>
  );
}
