import { z } from "zod";
import { errorBodySchema } from "@/lib/http/error-answer";

// How every part of the OpenAPI document turns zod schemas into JSON Schema:
// request bodies from the schemas that parse them, answers from the schemas
// whose types the answers are built as, and one error body for all.

/** A request body's shape, from the schema that parses it. */
export const requestSchemaOf = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });

/** An answer's shape, from the schema the answer's type is inferred from. */
export const answerSchemaOf = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "output", unrepresentable: "any" });

export const jsonContent = (schema: object) => ({ content: { "application/json": { schema } } });

/** An error answer: `{ error: { code, message, field? } }`, with any details beside `error`. */
export function errorResponse(description = "An error; `field` names the bad input where there is one.", details: Record<string, object> = {}) {
  const body = answerSchemaOf(errorBodySchema) as { properties: Record<string, unknown> };
  return { description, ...jsonContent({ ...body, properties: { ...body.properties, ...details } }) };
}

const anError = errorResponse();
export const errorResponses = { "400": anError, "401": anError, "403": anError, "404": anError, "409": anError, "422": anError };
