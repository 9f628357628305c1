/**
 * Thrown inside the JSONPath → JSONata conversion when a construct has no faithful JSONata equivalent;
 * `convertToJsonata` turns it into a refusal with this message.
 */
export class ConversionRefused extends Error {
  override name = "ConversionRefused";
}
