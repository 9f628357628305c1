// @stepflow/engine is not built yet (issue #4): this entry point exists so the workspace builds, typechecks and tests.
export {};
