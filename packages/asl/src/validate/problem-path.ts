// Keys that would make a dotted path ambiguous are printed in brackets as JSON strings.
const PLAIN_KEY = /^[^.[\]"]+$/;

/** The path of `key` inside the object at `at` (`States` + `A` → `States.A`). */
export function fieldPath(at: string, key: string): string {
  if (!PLAIN_KEY.test(key)) return `${at}[${JSON.stringify(key)}]`;
  return at === "" ? key : `${at}.${key}`;
}

/** The path of element `index` of the array at `at` (`Retry` + 0 → `Retry[0]`). */
export function indexPath(at: string, index: number): string {
  return `${at}[${index}]`;
}
