import { z } from "zod";
import { ALERT_CONDITIONS, SEVERITIES } from "@/lib/alerts/conditions";
import { TAG_KEYS } from "@/lib/alerts/matching";
import { lineTextSchema } from "@/lib/validation";
import { targetUrlProblem } from "./target-policy";

export const CHANNEL_TYPES = ["webhook", "slack", "teams", "pagerduty", "email"] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const PAGERDUTY_ENDPOINT = "https://events.pagerduty.com/v2/enqueue";
export const SMTP_SECURITY = ["starttls", "tls", "none"] as const;

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

export const targetUrlSchema = z
  .string()
  .trim()
  .max(2048, "must be at most 2048 characters")
  .superRefine((value, context) => {
    const problem = targetUrlProblem(value);
    if (problem) context.addIssue({ code: "custom", message: problem });
  });

/** "tenant:acme", "region:ams", "vcenter:vc01" or "label:gold". */
export const tagMatcherSchema = z
  .string()
  .trim()
  .max(110, "must be at most 110 characters")
  .regex(new RegExp(`^(${TAG_KEYS.join("|")}):[^\\u0000-\\u001f\\u007f]{1,100}$`), `must be key:value with key ${TAG_KEYS.join(", ")}, e.g. tenant:acme`);

export const routeInputSchema = z
  .object({
    minSeverity: z.enum(SEVERITIES, { message: "must be info, warning or critical" }).default("warning"),
    tag: tagMatcherSchema.nullable().optional(),
    conditions: z.array(z.enum(ALERT_CONDITIONS, { message: `must be one of ${ALERT_CONDITIONS.join(", ")}` })).max(ALERT_CONDITIONS.length).default([]),
  })
  .strict();

const routes = z.array(routeInputSchema).max(20, "at most 20 routing rules");
const DEFAULT_ROUTES = [{ minSeverity: "warning" as const, tag: null, conditions: [] }];

const email = z.email({ message: "must be an email address" }).max(254);

const common = {
  name: lineTextSchema(100),
  enabled: z.boolean().default(true),
  routes: routes.default(DEFAULT_ROUTES),
  /** Send, once, the open alerts the routes match ("send what is open now"). */
  sendOpenAlerts: z.boolean({ message: "must be true or false" }).default(true),
};

const signingSecret = z.string().trim().min(16, "must be at least 16 characters").max(200, "must be at most 200 characters");

const smtp = {
  host: text(255).regex(/^[A-Za-z0-9.:[\]-]+$/, "must be a host name or address"),
  port: z.number().int().min(1).max(65_535),
  security: z.enum(SMTP_SECURITY, { message: "must be starttls, tls or none" }),
  username: z.string().trim().max(200).nullable(),
  password: z.string().max(500, "must be at most 500 characters"),
  from: email,
  to: z.array(email).min(1, "needs at least one recipient").max(20, "at most 20 recipients"),
};

export const createChannelSchema = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("webhook"), ...common, url: targetUrlSchema, signingSecret: signingSecret.optional() }).strict(),
    z.object({ type: z.literal("slack"), ...common, url: targetUrlSchema }).strict(),
    z.object({ type: z.literal("teams"), ...common, url: targetUrlSchema }).strict(),
    z
      .object({ type: z.literal("pagerduty"), ...common, routingKey: text(100), endpoint: targetUrlSchema.default(PAGERDUTY_ENDPOINT) })
      .strict(),
    z
      .object({
        type: z.literal("email"),
        ...common,
        ...smtp,
        port: smtp.port.default(587),
        security: smtp.security.default("starttls"),
        username: smtp.username.default(null),
        password: smtp.password.optional(),
      })
      .strict(),
  ],
  { error: () => `type: must be one of ${CHANNEL_TYPES.join(", ")}` },
);

/** Any field may be left out; an omitted secret keeps the stored one. The type cannot change. */
export const updateChannelSchema = z
  .object({
    name: common.name,
    enabled: z.boolean(),
    routes,
    /** With new routes: send, once, the open alerts they match that the channel has not had (default true). */
    sendOpenAlerts: z.boolean({ message: "must be true or false" }),
    url: targetUrlSchema,
    signingSecret,
    routingKey: text(100),
    endpoint: targetUrlSchema,
    ...smtp,
    password: smtp.password,
  })
  .partial()
  .strict();

export type CreateChannelInput = z.infer<typeof createChannelSchema>;
export type UpdateChannelInput = z.infer<typeof updateChannelSchema>;
export type RouteInput = z.infer<typeof routeInputSchema>;

/** What is stored unsealed in AlertChannel.config. */
export interface EmailConfig {
  host: string;
  port: number;
  security: (typeof SMTP_SECURITY)[number];
  username: string | null;
  from: string;
  to: string[];
}
export interface PagerDutyConfig {
  endpoint: string;
}
export type ChannelConfig = Partial<EmailConfig & PagerDutyConfig>;

/** The fields of an update that only one type has. */
export const FIELDS_BY_TYPE: Record<ChannelType, readonly (keyof UpdateChannelInput)[]> = {
  webhook: ["url", "signingSecret"],
  slack: ["url"],
  teams: ["url"],
  pagerduty: ["routingKey", "endpoint"],
  email: ["host", "port", "security", "username", "password", "from", "to"],
};
