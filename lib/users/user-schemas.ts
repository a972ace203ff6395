import { z } from "zod";
import { passwordSchema } from "@/lib/auth/password";
import { USER_ROLES } from "@/lib/auth/roles";
import { CONTROL_CHARACTERS } from "@/lib/validation";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "must be at most 254 characters")
  .pipe(z.email({ message: "must be an email address" }));

/** Optional: an empty name is no name. */
const personName = z
  .string()
  .trim()
  .max(120, "must be at most 120 characters")
  .refine((value) => !CONTROL_CHARACTERS.test(value), "must not contain control characters (line breaks, tabs, NUL)")
  .optional();

export const newUserSchema = z.object({
  email: emailSchema,
  name: personName,
  role: z.enum(USER_ROLES as [string, ...string[]], { message: "must be viewer, operator or admin" }),
  password: passwordSchema,
});

export const firstAdminSchema = z.object({
  email: emailSchema,
  name: personName,
  password: passwordSchema,
});

export type NewUser = z.infer<typeof newUserSchema>;
