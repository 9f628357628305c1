import { intrinsicFailure, simpleIntrinsic, stringArgument } from "../intrinsic-function.ts";

const name = "States.Base64Encode";
const maxLength = 10000;

/** States.Base64Encode(string): the Base64 (RFC 4648, padded) of the string's UTF-8 bytes; ≤ 10,000 characters in. */
export const statesBase64Encode = simpleIntrinsic(name, 1, 1, (values) => {
  const text = stringArgument(name, values, 0);
  if (text.length > maxLength) {
    throw intrinsicFailure(name, `the input must be at most ${maxLength} characters, but has ${text.length}`);
  }
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
});
