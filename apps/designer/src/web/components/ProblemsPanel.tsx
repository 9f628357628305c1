import type { LocatedProblem } from "../model/analyze-document.ts";

/** Props of the Problems panel. */
export interface ProblemsPanelProps {
  problems: LocatedProblem[];
  lineOf: (offset: number) => number;
  onPick: (problem: LocatedProblem) => void;
}

/** Every validation problem, one row each; picking a row selects its state and shows it in the JSON. */
export function ProblemsPanel({ problems, lineOf, onPick }: ProblemsPanelProps) {
  return (
    <section className="problems" aria-label="Problems" data-testid="problems">
      <h2>
        Problems <span className="count">{problems.length}</span>
      </h2>
      {problems.length === 0 ? (
        <p className="no-problems">The definition is valid.</p>
      ) : (
        <ul>
          {problems.map((problem, index) => (
            <li key={`${problem.path}:${problem.message}:${index}`}>
              <button
                type="button"
                className="problem-row"
                data-testid="problem-row"
                data-state={problem.stateId ?? ""}
                onClick={() => onPick(problem)}
              >
                <span className="problem-line">line {lineOf(problem.from)}</span>
                <span className="problem-path">{problem.path === "" ? "(definition)" : problem.path}</span>
                <span className="problem-message">{problem.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
