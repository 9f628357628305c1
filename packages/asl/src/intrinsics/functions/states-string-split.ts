import { simpleIntrinsic, stringArgument } from "../intrinsic-function.ts";

const name = "States.StringSplit";

/**
 * States.StringSplit(text, delimiters): the pieces between delimiter characters. Every character of the
 * second argument is a delimiter and empty pieces are dropped (Java's StringTokenizer, as AWS shows).
 */
export const statesStringSplit = simpleIntrinsic(name, 2, 2, (values) => {
  const text = stringArgument(name, values, 0);
  const delimiters = stringArgument(name, values, 1);
  const pieces: string[] = [];
  let piece = "";
  for (const char of text) {
    if (delimiters.includes(char)) {
      if (piece !== "") pieces.push(piece);
      piece = "";
    } else {
      piece += char;
    }
  }
  if (piece !== "") pieces.push(piece);
  return pieces;
});
