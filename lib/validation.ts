import type { z } from "zod";
import { ValidationError } from "@/lib/errors";

/** Parses input with a schema; the error names the first bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.map(String).join(".");
  throw new ValidationError(field ? `${field}: ${issue.message}` : issue.message, field || undefined);
}
