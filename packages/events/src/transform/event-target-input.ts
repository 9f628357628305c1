/** The parts of a PutTargets target that shape what is delivered (AWS field names). */
export type EventTargetInput = {
  readonly Id?: string;
  readonly Input?: string;
  readonly InputPath?: string;
  readonly InputTransformer?: {
    readonly InputPathsMap?: Readonly<Record<string, string>>;
    readonly InputTemplate: string;
  };
};

/** Values of the predefined placeholders that come from the rule, not the event. */
export type TransformContext = {
  readonly ruleArn: string;
  readonly ruleName: string;
  /** When EventBridge received the event, ISO-8601. */
  readonly ingestionTime: string;
};

/** What a target receives: the payload text, or nothing (AWS drops the event silently). */
export type TransformOutcome =
  | { readonly delivered: true; readonly payload: string }
  | { readonly delivered: false; readonly reason: string };
