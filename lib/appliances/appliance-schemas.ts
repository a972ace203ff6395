import { z } from "zod";
import { lineTextSchema } from "@/lib/validation";
import { ZVM_AUTH_CHOICES } from "@/lib/zvm/types";
import { normaliseFingerprint } from "@/lib/zvm/fingerprint";

export const applianceTagsSchema = z
  .object({
    tenant: lineTextSchema(100).optional(),
    region: lineTextSchema(100).optional(),
    vcenter: lineTextSchema(255).optional(),
    labels: z.array(lineTextSchema(100)).max(50, "at most 50 labels").optional(),
  })
  .strict();

const urlSchema = z
  .string()
  .trim()
  .max(2048, "must be at most 2048 characters")
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "https:" && url.hostname !== "" && !url.username && !url.password && !url.search && !url.hash;
    } catch {
      return false;
    }
  }, "must be an https:// URL without credentials or query, e.g. https://zvm01.example.net:9669")
  .transform((value) => value.replace(/\/+$/, ""));

const fingerprintSchema = z
  .string()
  .trim()
  .max(200)
  .transform((value, context) => {
    const normalised = normaliseFingerprint(value);
    if (!normalised) {
      context.addIssue({ code: "custom", message: "must be a SHA-256 fingerprint: 64 hex digits, colons allowed" });
      return z.NEVER;
    }
    return normalised;
  });

const fields = {
  name: lineTextSchema(100),
  kind: z.enum(["zvm", "zca"], { message: "must be zvm or zca" }),
  role: z.enum(["production", "test"], { message: "must be production or test" }),
  mode: z.enum(["polled", "reporting"], { message: "must be polled or reporting" }),
  url: urlSchema,
  username: z.string().trim().max(200, "must be at most 200 characters"),
  password: z.string().max(500, "must be at most 500 characters"),
  authScheme: z.enum(ZVM_AUTH_CHOICES, { message: `must be one of ${ZVM_AUTH_CHOICES.join(", ")}` }),
  tlsFingerprintSha256: fingerprintSchema.nullable(),
  trustOnFirstUse: z.boolean(),
  tags: applianceTagsSchema,
};

function requireCredentialsWhenPolled(
  value: { mode?: string; username?: string; password?: string },
  context: z.RefinementCtx,
): void {
  if (value.mode !== "polled") return;
  if (!value.username) context.addIssue({ code: "custom", path: ["username"], message: "is required for a polled appliance" });
  if (!value.password) context.addIssue({ code: "custom", path: ["password"], message: "is required for a polled appliance" });
}

export const createApplianceSchema = z
  .object({
    ...fields,
    username: fields.username.default(""),
    password: fields.password.default(""),
    authScheme: fields.authScheme.default("auto"),
    tlsFingerprintSha256: fields.tlsFingerprintSha256.optional(),
    trustOnFirstUse: fields.trustOnFirstUse.default(false),
    tags: fields.tags.default({}),
  })
  .strict()
  .superRefine(requireCredentialsWhenPolled);

/** Every field optional; an omitted password keeps the stored one. */
export const updateApplianceSchema = z
  .object({
    name: fields.name,
    kind: fields.kind,
    role: fields.role,
    mode: fields.mode,
    url: fields.url,
    username: fields.username,
    password: fields.password.min(1, "must not be empty (omit it to keep the stored one)"),
    authScheme: fields.authScheme,
    tlsFingerprintSha256: fields.tlsFingerprintSha256,
    trustOnFirstUse: fields.trustOnFirstUse,
    tags: fields.tags,
  })
  .partial()
  .strict();

export type CreateApplianceInput = z.infer<typeof createApplianceSchema>;
export type UpdateApplianceInput = z.infer<typeof updateApplianceSchema>;
export type ApplianceTags = z.infer<typeof applianceTagsSchema>;
