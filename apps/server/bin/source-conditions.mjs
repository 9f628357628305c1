// Module resolution hook: resolves the @stepflow/* workspace packages to their TypeScript sources (the
// "@stepflow/source" export condition), as `node --conditions=@stepflow/source` would.
export async function resolve(specifier, context, nextResolve) {
  const conditions = context.conditions.includes("@stepflow/source")
    ? context.conditions
    : [...context.conditions, "@stepflow/source"];
  return nextResolve(specifier, { ...context, conditions });
}
