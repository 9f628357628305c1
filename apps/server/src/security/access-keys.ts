/** Access key id → secret access key, the credentials SigV4 requests are verified with. */
export type AccessKeys = ReadonlyMap<string, string>;

const ACCESS_KEY_ID = /^[A-Za-z0-9_+=.@-]{1,128}$/;

/**
 * Reads `STEPFLOW_ACCESS_KEYS`: comma-separated `ACCESS_KEY_ID:SECRET` pairs
 * (`AKIDEXAMPLE:wJalrXUtnFEMI/K7MDENG,AKID2:other`); the secret is everything after the first `:`.
 * Whitespace around entries is ignored; an empty text means no keys. A malformed entry throws with its
 * position only, never its text, so a secret cannot end up in a log.
 *
 * @example
 * parseAccessKeys("AKID1:secret1, AKID2:secret2").get("AKID2"); // "secret2"
 */
export function parseAccessKeys(text: string): AccessKeys {
  const keys = new Map<string, string>();
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  entries.forEach((entry, index) => {
    const colon = entry.indexOf(":");
    const id = colon < 0 ? "" : entry.slice(0, colon);
    const secret = colon < 0 ? "" : entry.slice(colon + 1);
    const where = `STEPFLOW_ACCESS_KEYS entry ${index + 1}`;
    if (!ACCESS_KEY_ID.test(id) || secret === "") {
      throw new Error(
        `${where} is not ACCESS_KEY_ID:SECRET (an id of letters, digits or _+=.@-, then a non-empty secret)`,
      );
    }
    if (keys.has(id)) throw new Error(`${where} repeats access key id ${id}`);
    keys.set(id, secret);
  });
  return keys;
}
