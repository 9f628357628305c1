/** Where the server reports what it cannot answer itself; pino's `(fields, message)` call shape. */
export interface Logger {
  error(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

/** A logger writing one JSON line per entry to stderr (the default until a real logger is passed). */
export const stderrLogger: Logger = {
  error: (fields, message) => write("error", fields, message),
  warn: (fields, message) => write("warn", fields, message),
};

function write(level: string, fields: Record<string, unknown>, message: string): void {
  const line = { level, time: new Date().toISOString(), msg: message, ...fields };
  process.stderr.write(`${JSON.stringify(line, errorFields)}\n`);
}

function errorFields(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}
