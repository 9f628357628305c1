/**
 * The test's own reading of a definition, written apart from the designer's: the node ids and the
 * `edge:<src>-><dst>` + kind pairs the graph must show.
 */
export function walkDefinition(definition: unknown): { nodes: string[]; edges: string[]; retries: string[] } {
  const nodes: string[] = [];
  const edges = new Set<string>();
  const retries: string[] = [];
  const walk = (scope: Record<string, unknown>, prefix: string): void => {
    const states = scope["States"] as Record<string, Record<string, unknown>>;
    for (const [name, state] of Object.entries(states)) {
      const id = prefix + name;
      nodes.push(id);
      if (Array.isArray(state["Retry"])) retries.push(id);
      const to = (target: unknown, kind: string): void => {
        if (typeof target === "string") edges.add(`edge:${id}->${prefix}${target} ${kind}`);
      };
      to(state["Next"], "next");
      to(state["Default"], "default");
      for (const rule of (state["Choices"] ?? []) as Record<string, unknown>[]) to(rule["Next"], "choice");
      for (const catcher of (state["Catch"] ?? []) as Record<string, unknown>[]) to(catcher["Next"], "catch");
      ((state["Branches"] ?? []) as Record<string, unknown>[]).forEach((branch, i) => {
        nodes.push(`${id}/${i}`);
        walk(branch, `${id}/${i}/`);
      });
      const processor = (state["ItemProcessor"] ?? state["Iterator"]) as Record<string, unknown> | undefined;
      if (processor) walk(processor, `${id}/`);
    }
  };
  walk(definition as Record<string, unknown>, "");
  return { nodes: nodes.sort(), edges: [...edges].sort(), retries: retries.sort() };
}
