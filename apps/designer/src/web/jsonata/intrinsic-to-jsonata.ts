import { parseIntrinsic, type IntrinsicArgument, type IntrinsicCall } from "@stepflow/asl";
import { ConversionRefused } from "./conversion-refused.ts";
import { pathToJsonata } from "./path-to-jsonata.ts";

/**
 * The JSONata expression for an intrinsic function call (`States.Format('Hi {}', $.name)` →
 * `"Hi " & $.name`), with JSONPath arguments read from `input`. Step Functions' own JSONata functions
 * stand in where they exist ($partition, $range, $hash, $uuid, $parse); calls with no faithful
 * equivalent (a seeded MathRandom, a deep JsonMerge, StringSplit on computed delimiters) are refused.
 */
export function intrinsicToJsonata(text: string, input: string): string {
  let call: IntrinsicCall;
  try {
    call = parseIntrinsic(text);
  } catch (error) {
    throw new ConversionRefused(`"${text}" is not a valid intrinsic call (${(error as Error).message})`);
  }
  return callExpression(call, input);
}

function callExpression(call: IntrinsicCall, input: string): string {
  const args = call.args.map((arg) => argument(arg, input));
  const [a = "", b = "", c] = args;
  const refuse = (why: string): never => {
    throw new ConversionRefused(`${call.name} ${why}, so "${call.text}" has no faithful JSONata equivalent`);
  };
  switch (call.name) {
    case "States.Format":
      return format(call, input);
    case "States.StringToJson":
      return `$parse(${a})`;
    case "States.JsonToString":
      return `$string(${a})`;
    case "States.Array":
      return `[${args.join(", ")}]`;
    case "States.ArrayPartition":
      return `$partition(${a}, ${b})`;
    case "States.ArrayContains":
      return `(${b} in ${a})`;
    case "States.ArrayRange":
      return `$range(${args.join(", ")})`;
    case "States.ArrayGetItem":
      return `${a}[${b}]`;
    case "States.ArrayLength":
      return `$count(${a})`;
    case "States.ArrayUnique":
      return `$distinct(${a})`;
    case "States.Base64Encode":
      return `$base64encode(${a})`;
    case "States.Base64Decode":
      return `$base64decode(${a})`;
    case "States.Hash":
      return `$hash(${a}, ${b})`;
    case "States.JsonMerge": {
      const deep = call.args[2];
      if (deep?.kind !== "literal" || deep.value !== false)
        refuse("merges deeply (or not by a literal false)");
      return `$merge([${a}, ${b}])`;
    }
    case "States.MathRandom":
      if (c !== undefined) refuse("takes a seed (java.util.Random's integer sequence, not $random's)");
      return `($round(${a}) + $floor($random() * ($round(${b}) - $round(${a}))))`;
    case "States.MathAdd":
      return `(${a} + ${b})`;
    case "States.StringSplit": {
      const delimiters = call.args[1];
      if (delimiters?.kind !== "string") refuse("splits on computed delimiters");
      const set = [...(delimiters as { value: string }).value]
        .map((char) => (/[\w\s]/.test(char) ? char : `\\${char}`))
        .join("");
      return `$split(${a}, /[${set}]/)[$ != ""]`;
    }
    case "States.UUID":
      return "$uuid()";
    default:
      return refuse("is not a known intrinsic");
  }
}

function argument(arg: IntrinsicArgument, input: string): string {
  switch (arg.kind) {
    case "string":
      return JSON.stringify(arg.value);
    case "literal":
      return JSON.stringify(arg.value);
    case "path":
      return pathToJsonata(arg.text, input);
    case "call":
      return callExpression(arg.call, input);
  }
}

/** States.Format: the template's pieces joined with `&`; `\{` `\}` stay literal braces. */
function format(call: IntrinsicCall, input: string): string {
  const [template, ...values] = call.args;
  if (template?.kind !== "string")
    throw new ConversionRefused(`States.Format needs a literal template in "${call.text}"`);
  const pieces: string[] = [];
  let literal = "";
  let next = 0;
  const raw = template.raw;
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i];
    if (char === "\\" && i + 1 < raw.length) {
      literal += raw[++i];
    } else if (char === "{" && raw[i + 1] === "}") {
      const value = values[next++];
      if (value === undefined) throw new ConversionRefused(`"${call.text}" has more {} than arguments`);
      if (literal !== "") pieces.push(JSON.stringify(literal));
      literal = "";
      // $string turns numbers, booleans and null into text as Format does; a string stays as it is.
      pieces.push(
        value.kind === "string" ? JSON.stringify(value.value) : `$string(${argument(value, input)})`,
      );
      i++;
    } else {
      literal += char;
    }
  }
  if (literal !== "" || pieces.length === 0) pieces.push(JSON.stringify(literal));
  return pieces.length === 1 ? pieces[0]! : `(${pieces.join(" & ")})`;
}
