// @stepflow/designer is not built yet (issue #8): this entry point exists so the workspace builds, typechecks and tests.
export {};
