import { NEW_COMPARISON } from "../choice/choice-rule-parts.ts";
import { FieldInput } from "./FieldInput.tsx";
import { RuleCondition } from "./RuleCondition.tsx";
import type { StateEdit } from "./StateForm.tsx";
import { isFields, type Fields } from "../model/is-fields.ts";

/**
 * The Choice rule builder: each rule's condition (a JSONPath comparison tree, or a JSONata
 * `Condition`) and Next, add / remove rules, and the Default. Every edit is one document change.
 */
export function ChoiceEditor(props: {
  state: Fields;
  jsonata: boolean;
  targets: string[];
  edit: StateEdit;
  onRefuse: (reason: string) => void;
}) {
  const { state, jsonata, targets, edit, onRefuse } = props;
  const rules = Array.isArray(state["Choices"]) ? (state["Choices"] as unknown[]) : [];
  const target = (
    value: unknown,
    testId: string,
    onPick: (name: string | undefined) => void,
    none?: string,
  ) => (
    <select
      data-testid={testId}
      value={typeof value === "string" ? value : ""}
      onChange={(e) => onPick(e.target.value || undefined)}
    >
      {(none !== undefined || typeof value !== "string") && (
        <option value="">{none ?? "(pick a state)"}</option>
      )}
      {typeof value === "string" && !targets.includes(value) && (
        <option value={value}>{value} (missing)</option>
      )}
      {targets.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </select>
  );
  return (
    <fieldset data-testid="choice-editor">
      <legend>Choice rules</legend>
      {rules.map((rule, i) => {
        const r = isFields(rule) ? rule : {};
        return (
          <div className="choice-rule" key={i} data-testid={`choice-rule:${i}`}>
            {jsonata ? (
              <FieldInput
                label="Condition"
                testId={`field:Choices.${i}.Condition`}
                value={r["Condition"]}
                kind="jsonata"
                check={(value) =>
                  typeof value === "boolean" || (typeof value === "string" && value.startsWith("{%"))
                    ? undefined
                    : "a Condition is a {% JSONata %} expression (or true / false)"
                }
                onCommit={(value) => edit([{ path: ["Choices", i, "Condition"], value }])}
                onRefuse={onRefuse}
              />
            ) : (
              <RuleCondition rule={rule} path={["Choices", i]} edit={edit} onRefuse={onRefuse} />
            )}
            <label className="form-field">
              <span>Next</span>
              {target(r["Next"], `field:Choices.${i}.Next`, (name) =>
                name === undefined
                  ? onRefuse("a Choice rule needs a Next")
                  : edit([{ path: ["Choices", i, "Next"], value: name }]),
              )}
            </label>
            <button
              type="button"
              data-testid={`remove-choice-rule:${i}`}
              onClick={() => edit([{ path: ["Choices", i], value: undefined }])}
            >
              Remove rule
            </button>
          </div>
        );
      })}
      <button
        type="button"
        data-testid="add-choice-rule"
        disabled={targets.length === 0}
        onClick={() => {
          const rule = { ...(jsonata ? { Condition: "{% true %}" } : NEW_COMPARISON), Next: targets[0] };
          edit([
            rules.length === 0
              ? { path: ["Choices"], value: [rule] }
              : { path: ["Choices", -1], value: rule },
          ]);
        }}
      >
        Add rule
      </button>
      <label className="form-field">
        <span>Default</span>
        {target(
          state["Default"],
          "field:Default",
          (name) => edit([{ path: ["Default"], value: name }]),
          "(none)",
        )}
      </label>
    </fieldset>
  );
}
