// BullMQ refuses a custom job id that contains ':' or reads as an integer (`${parseInt(id)}` === id), and a
// queue name that contains ':'. On Redis a job's hash is `<prefix>:<queue>:<id>`, next to the queue's own
// keys `<prefix>:<queue>:active`, `:wait`, `:meta`, `:stalled-check`, ...: a job id "active" would overwrite
// the active list. Those names are all lower-case letters and '-', so ids of that shape are escaped too.
// Escaping is like URI components, but only where needed, so encoded ids stay readable.

const escapedCharacter = /[%:]/g;
const escapeSequence = /%([0-9A-F]{2})/g;
const keyNameShape = /^[a-z-]+$/;

function escapeCharacter(character: string): string {
  return `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`;
}

/**
 * Encodes a job id into one BullMQ accepts and that cannot collide with a queue's own Redis keys;
 * {@link decodeBullmqId} reverses it exactly. `%` and `:` become `%25` and `%3A`; an id that would read as
 * an integer, or is made of lower-case letters and `-` only, gets its first character escaped
 * (`"42"` → `"%342"`, `"active"` → `"%61ctive"`). Other strings are returned unchanged.
 */
export function encodeBullmqId(id: string): string {
  const escaped = encodeBullmqQueueName(id);
  if (`${Number.parseInt(escaped, 10)}` !== escaped && !keyNameShape.test(escaped)) return escaped;
  return escapeCharacter(escaped) + escaped.slice(1);
}

/** Encodes a queue name into one BullMQ accepts (`%` and `:` escaped); {@link decodeBullmqId} reverses it. */
export function encodeBullmqQueueName(name: string): string {
  return name.replace(escapedCharacter, escapeCharacter);
}

/** Reverses {@link encodeBullmqId}. */
export function decodeBullmqId(encoded: string): string {
  return encoded.replace(escapeSequence, (_sequence, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}
