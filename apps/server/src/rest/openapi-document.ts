/** A JSON Schema (2020-12, as OpenAPI 3.1 uses it), as far as this API's document needs. */
export interface JsonSchema {
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean" | "null";
  format?: string;
  description?: string;
  enum?: readonly string[];
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  items?: JsonSchema;
  oneOf?: readonly JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  $ref?: string;
}

/** One parameter of an operation. */
export interface OpenApiParameter {
  name: string;
  in: "path" | "query" | "header";
  required?: boolean;
  description?: string;
  schema: JsonSchema;
}

/** A request or response body. */
export interface OpenApiContent {
  description?: string;
  required?: boolean;
  content?: Readonly<Record<string, { schema: JsonSchema }>>;
}

/** One operation (a method on a path). */
export interface OpenApiOperation {
  operationId: string;
  summary: string;
  tags: readonly string[];
  parameters?: readonly OpenApiParameter[];
  requestBody?: OpenApiContent;
  responses: Readonly<Record<string, OpenApiContent & { description: string }>>;
}

/** The HTTP methods this API uses. */
export type HttpMethod = "get" | "post" | "patch" | "delete";

/** An OpenAPI 3.1 document, as far as this API uses one. */
export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: readonly { url: string }[];
  paths: Readonly<Record<string, Partial<Record<HttpMethod, OpenApiOperation>>>>;
  components: { schemas: Readonly<Record<string, JsonSchema>> };
}
