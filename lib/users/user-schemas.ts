import { z } from "zod";
import { passwordSchema } from "@/lib/auth/password";
import { USER_ROLES } from "@/lib/auth/roles";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "must be at most 254 characters")
  .pipe(z.email({ message: "must be an email address" }));

export const newUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().max(120, "must be at most 120 characters").optional(),
  role: z.enum(USER_ROLES as [string, ...string[]], { message: "must be viewer, operator or admin" }),
  password: passwordSchema,
});

export const firstAdminSchema = z.object({
  email: emailSchema,
  name: z.string().trim().max(120, "must be at most 120 characters").optional(),
  password: passwordSchema,
});

export type NewUser = z.infer<typeof newUserSchema>;
