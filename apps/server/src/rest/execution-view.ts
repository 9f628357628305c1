import type { ExecutionDescription } from "@stepflow/engine";

/** An execution as the REST API answers it: `input` and `output` as JSON values, not JSON text. */
export type ExecutionView = Omit<
  ExecutionDescription,
  "input" | "output" | "inputDetails" | "outputDetails"
> & {
  input: unknown;
  output?: unknown;
};

/** The REST form of a described execution. */
export function executionView(description: ExecutionDescription): ExecutionView {
  const { input, output, inputDetails: _in, outputDetails: _out, ...rest } = description;
  const view: ExecutionView = { ...rest, input: parsed(input) };
  if (output !== undefined) view.output = parsed(output);
  return view;
}

// The engine stores only JSON it parsed itself; a text that does not parse is passed on as it is.
function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
