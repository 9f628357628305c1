/** `url` with its password replaced by `***`, so it can be named in error messages and logs. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "(not a valid URL)";
  }
  if (parsed.password !== "") parsed.password = "***";
  return parsed.toString();
}
