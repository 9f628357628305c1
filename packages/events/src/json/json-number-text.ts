/**
 * A JSON number kept as its source text, so that matching can compare it the way EventBridge does
 * (exact text, or as a decimal) without the precision loss of a JavaScript `number`.
 */
export class JsonNumberText {
  constructor(readonly text: string) {}

  /** The nearest JavaScript number. */
  valueOf(): number {
    return Number(this.text);
  }

  /** Serialises back to the original literal. */
  toJSON(): number {
    return Number(this.text);
  }
}
