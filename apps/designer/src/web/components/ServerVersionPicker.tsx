import { useEffect, useState } from "react";
import { listVersions, openStateMachine, type StateMachineVersionItem } from "../api/state-machine-api.ts";

/** `arn:...:stateMachine:name:7` → "version 7". */
export function versionLabel(versionArn: string): string {
  const number = /:(\d+)$/.exec(versionArn)?.[1];
  return number === undefined ? versionArn : `version ${number}`;
}

/**
 * Picks any published version of the open server state machine to compare with: lists them (newest
 * first) when shown, and fetches the picked version's definition text.
 */
export function ServerVersionPicker(props: {
  stateMachineArn: string;
  onPick: (label: string, text: string) => void;
}) {
  const [versions, setVersions] = useState<StateMachineVersionItem[] | string>("Loading versions…");
  const [picked, setPicked] = useState("");
  useEffect(() => {
    let current = true;
    listVersions(props.stateMachineArn).then(
      (items) => {
        if (!current) return;
        setVersions(items.length === 0 ? "No published versions" : items);
        setPicked(items[0]?.stateMachineVersionArn ?? "");
      },
      (error: unknown) => current && setVersions(`Versions unavailable: ${(error as Error).message}`),
    );
    return () => {
      current = false;
    };
  }, [props.stateMachineArn]);
  if (typeof versions === "string")
    return (
      <p className="version-status" data-testid="compare-versions-status">
        {versions}
      </p>
    );
  return (
    <div className="dialog-row">
      <label>
        Server version{" "}
        <select
          data-testid="compare-version"
          value={picked}
          onChange={(event) => setPicked(event.target.value)}
        >
          {versions.map((version) => (
            <option key={version.stateMachineVersionArn} value={version.stateMachineVersionArn}>
              {versionLabel(version.stateMachineVersionArn)}
              {version.creationDate === undefined
                ? ""
                : ` (${version.creationDate.slice(0, 16).replace("T", " ")})`}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        data-testid="compare-version-button"
        disabled={picked === ""}
        onClick={() => {
          openStateMachine(picked).then(
            (document) => props.onPick(versionLabel(picked), document.definition),
            (error: unknown) =>
              setVersions(`Could not open ${versionLabel(picked)}: ${(error as Error).message}`),
          );
        }}
      >
        Compare with this version
      </button>
    </div>
  );
}
