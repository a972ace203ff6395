import { z } from "zod";
import { ValidationError } from "@/lib/errors";

/** C0 controls and DEL: never part of an id, a name, a tag or a path. */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** A one-line text such as a name, a tag or a reason: trimmed, not empty, at most `max` characters, no control characters. */
export function lineTextSchema(max: number) {
  return z
    .string({ message: "must be a string" })
    .trim()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), "must not contain control characters (line breaks, tabs, NUL)");
}

/** Parses input with a schema; the error names the first bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.map(String).join(".");
  throw new ValidationError(field ? `${field}: ${issue.message}` : issue.message, field || undefined);
}
