import { intrinsicFailure, simpleIntrinsic, stringArgument } from "../intrinsic-function.ts";

const name = "States.Base64Decode";
const maxLength = 10000;

/** States.Base64Decode(string): the UTF-8 text whose Base64 is the argument; ≤ 10,000 characters in. */
export const statesBase64Decode = simpleIntrinsic(name, 1, 1, (values) => {
  const encoded = stringArgument(name, values, 0);
  if (encoded.length > maxLength) {
    throw intrinsicFailure(
      name,
      `the input must be at most ${maxLength} characters, but has ${encoded.length}`,
    );
  }
  // atob forgives blanks and missing padding; Java's decoder, which AWS uses, accepts neither.
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(encoded)) {
    throw intrinsicFailure(name, "the input is not valid Base64");
  }
  const binary = atob(encoded);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
});
