/** The two query languages of ASL. A state inherits the machine's unless it sets its own `QueryLanguage`. */
export const QueryLanguage = { JSONPath: "JSONPath", JSONata: "JSONata" } as const;
export type QueryLanguage = (typeof QueryLanguage)[keyof typeof QueryLanguage];
