/**
 * A read position over an expression's text, shared by the JSONPath, filter and intrinsic parsers. `fail`
 * throws through the `error` factory so each language reports its own error class.
 */
export class TextCursor {
  readonly text: string;
  position = 0;
  private readonly error: (position: number, problem: string) => Error;

  constructor(text: string, error: (position: number, problem: string) => Error) {
    this.text = text;
    this.error = error;
  }

  /** True when every character has been read. */
  get done(): boolean {
    return this.position >= this.text.length;
  }

  /** The character `offset` places ahead, or "" past the end. */
  peek(offset = 0): string {
    return this.text.charAt(this.position + offset);
  }

  /** True (and consumed) when the text continues with `literal`. */
  eat(literal: string): boolean {
    if (this.text.startsWith(literal, this.position)) {
      this.position += literal.length;
      return true;
    }
    return false;
  }

  /** Consumes `literal` or fails naming what was expected. */
  expect(literal: string): void {
    if (!this.eat(literal)) this.fail(`expected '${literal}' but found ${this.describeNext()}`);
  }

  /** Skips blanks (spaces, tabs, line breaks). */
  skipSpaces(): void {
    while (/\s/.test(this.peek())) this.position++;
  }

  /** "'x'" for the next character, or "the end" when there is none. */
  describeNext(): string {
    return this.done ? "the end" : `'${this.peek()}'`;
  }

  /** Throws the language's syntax error at the current position. */
  fail(problem: string, position = this.position): never {
    throw this.error(position, problem);
  }
}
