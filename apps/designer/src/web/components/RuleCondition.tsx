import {
  CHOICE_OPERATORS,
  operandFor,
  operandKind,
  operandProblem,
  referencePathProblem,
} from "../choice/choice-operators.ts";
import {
  comparisonOperator,
  conditionKind,
  convertCondition,
  NEW_COMPARISON,
  type ConditionKind,
} from "../choice/choice-rule-parts.ts";
import type { JsonLocation } from "../model/state-graph.ts";
import { FieldInput } from "./FieldInput.tsx";
import type { StateEdit } from "./StateForm.tsx";
import { isFields, type Fields } from "../model/is-fields.ts";

const KINDS: ConditionKind[] = ["comparison", "And", "Or", "Not"];

/**
 * One JSONPath Choice condition at `path` (relative to the state): a comparison (Variable, operator,
 * operand) or And / Or / Not over nested conditions, each edit one change of the document.
 */
export function RuleCondition(props: {
  rule: unknown;
  path: JsonLocation;
  edit: StateEdit;
  onRefuse: (reason: string) => void;
}) {
  const { path, edit, onRefuse } = props;
  const rule = isFields(props.rule) ? props.rule : {};
  const id = path.join(".");
  const kind = conditionKind(rule);
  return (
    <div className="rule-condition" data-testid={`condition:${id}`}>
      <label className="form-field">
        <span>Condition</span>
        <select
          data-testid={`rule-kind:${id}`}
          value={kind}
          onChange={(event) =>
            edit([{ path, value: convertCondition(rule, event.target.value as ConditionKind) }])
          }
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {k === "comparison" ? "Comparison" : k}
            </option>
          ))}
        </select>
      </label>
      {kind === "comparison" && <Comparison rule={rule} path={path} edit={edit} onRefuse={onRefuse} />}
      {(kind === "And" || kind === "Or") && (
        <div className="rule-children">
          {(Array.isArray(rule[kind]) ? (rule[kind] as unknown[]) : []).map((member, j) => (
            <div key={j}>
              <RuleCondition rule={member} path={[...path, kind, j]} edit={edit} onRefuse={onRefuse} />
              <button
                type="button"
                data-testid={`remove-condition:${id}.${kind}.${j}`}
                onClick={() => edit([{ path: [...path, kind, j], value: undefined }])}
              >
                Remove condition
              </button>
            </div>
          ))}
          <button
            type="button"
            data-testid={`add-condition:${id}`}
            onClick={() =>
              Array.isArray(rule[kind]) && rule[kind].length > 0
                ? edit([{ path: [...path, kind, -1], value: { ...NEW_COMPARISON } }])
                : edit([{ path: [...path, kind], value: [{ ...NEW_COMPARISON }] }])
            }
          >
            Add condition
          </button>
        </div>
      )}
      {kind === "Not" && (
        <div className="rule-children">
          <RuleCondition rule={rule["Not"]} path={[...path, "Not"]} edit={edit} onRefuse={onRefuse} />
        </div>
      )}
    </div>
  );
}

function Comparison(props: {
  rule: Fields;
  path: JsonLocation;
  edit: StateEdit;
  onRefuse: (reason: string) => void;
}) {
  const { rule, path, edit, onRefuse } = props;
  const id = path.join(".");
  const operator = comparisonOperator(rule);
  const operand = operator === undefined ? undefined : rule[operator];
  const kind = operator === undefined ? undefined : operandKind(operator);
  return (
    <div className="rule-row">
      <FieldInput
        label="Variable"
        testId={`field:${id}.Variable`}
        value={rule["Variable"]}
        check={(value) => (typeof value === "string" ? referencePathProblem(value) : "a Variable is a path")}
        onCommit={(value) => edit([{ path: [...path, "Variable"], value }])}
        onRefuse={onRefuse}
      />
      <label className="form-field">
        <span>Operator</span>
        <select
          data-testid={`operator:${id}`}
          value={operator ?? ""}
          onChange={(event) => {
            const picked = event.target.value;
            const value = operandFor(picked, operand);
            edit([
              operator === undefined
                ? { path: [...path, picked], value }
                : { path: [...path, operator], value, renameTo: picked },
            ]);
          }}
        >
          {operator === undefined && <option value="">(pick one)</option>}
          {CHOICE_OPERATORS.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      {operator !== undefined && (kind === "flag" || kind === "boolean") && (
        <label className="form-field">
          <span>Value</span>
          <select
            data-testid={`field:${id}.${operator}`}
            value={String(operand)}
            onChange={(event) => edit([{ path: [...path, operator], value: event.target.value === "true" }])}
          >
            <option value="true">true</option>
            <option value="false">false</option>
          </select>
        </label>
      )}
      {operator !== undefined && kind !== "flag" && kind !== "boolean" && (
        <FieldInput
          label={kind === "path" ? "Path" : "Value"}
          testId={`field:${id}.${operator}`}
          value={operand}
          kind={kind === "number" ? "number" : "text"}
          check={(value) => operandProblem(operator, value)}
          onCommit={(value) =>
            edit([{ path: [...path, operator], value: value ?? operandFor(operator, undefined) }])
          }
          onRefuse={onRefuse}
        />
      )}
    </div>
  );
}
