import { z } from "zod";
import { createChannelSchema, updateChannelSchema } from "@/lib/channels/channel-schemas";
import { ALERT_CONDITIONS, SEVERITIES } from "./conditions";
import { ALERT_STATUSES } from "./list-alerts";
import { createSilenceSchema } from "./silence-schemas";

// The alerting part of the REST contract (lib/api/openapi.ts spreads it into its paths).

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
const json = (schema: object) => ({ content: { "application/json": { schema } } });
const error = { description: "An error; `field` names the bad input where there is one.", ...json({ type: "object", properties: { error: { type: "object" } } }) };
const errors = { "400": error, "401": error, "403": error, "404": error, "409": error, "422": error };
const time = { type: ["string", "null"], format: "date-time" };
const uuidParam = (description: string) => ({ name: "id", in: "path", required: true, description, schema: { type: "string", format: "uuid" } });

const alert = {
  type: "object",
  properties: {
    id: { type: "string", format: "uuid" },
    condition: { enum: ALERT_CONDITIONS },
    conditionLabel: { type: "string" },
    dedupKey: { type: "string", description: "appliance:<id>:<condition>; PagerDuty's dedup_key" },
    severity: { enum: SEVERITIES },
    status: { enum: ALERT_STATUSES },
    step: { type: "string" },
    summary: { type: "string" },
    appliance: { type: "object", properties: { id: { type: "string" }, name: { type: "string" }, tenant: { type: ["string", "null"] }, region: { type: ["string", "null"] } } },
    openedAt: { type: "string", format: "date-time" },
    lastEventAt: { type: "string", format: "date-time" },
    acknowledgedAt: time,
    acknowledgedBy: { type: ["string", "null"] },
    resolvedAt: time,
    resolvedBy: { type: ["string", "null"] },
    silencedUntil: { ...time, description: "notifications are held by a silence or maintenance window until then" },
  },
};

const channel = {
  type: "object",
  description: "Never contains the channel's secrets (URLs, signing secret, routing key, SMTP password).",
  properties: {
    id: { type: "string", format: "uuid" },
    name: { type: "string" },
    type: { enum: ["webhook", "slack", "teams", "pagerduty", "email"] },
    enabled: { type: "boolean" },
    target: { type: "string" },
    config: { type: "object" },
    routes: { type: "array", items: { type: "object", properties: { minSeverity: { enum: SEVERITIES }, tag: { type: ["string", "null"] }, conditions: { type: "array", items: { type: "string" } } } } },
    lastTestAt: time,
    lastTestResult: { type: ["string", "null"] },
    queue: { type: "object", properties: { pending: { type: "integer" }, failed: { type: "integer" } } },
  },
};

/** A channel after a change that may have queued the open alerts for it. */
const withQueued = {
  ...channel,
  properties: { ...channel.properties, openAlertsQueued: { type: "integer", description: "open alerts queued for it now, once (send what is open now)" } },
};

const silence = {
  type: "object",
  properties: {
    id: { type: "string", format: "uuid" },
    kind: { enum: ["silence", "maintenance"] },
    appliance: { type: ["object", "null"] },
    tag: { type: ["string", "null"] },
    condition: { type: ["string", "null"] },
    startsAt: { type: "string", format: "date-time" },
    endsAt: { type: "string", format: "date-time" },
    reason: { type: "string" },
    createdBy: { type: "string" },
    active: { type: "boolean" },
  },
};

export const alertingOpenApiPaths = {
  "/api/v1/alerts": {
    get: {
      summary: "List alerts, newest activity first, or most severe first with sort=severity (viewer)",
      parameters: [
        { name: "status", in: "query", schema: { type: "string", default: "open,acknowledged" }, description: `comma-separated: ${ALERT_STATUSES.join(", ")}` },
        { name: "severity", in: "query", schema: { type: "string" }, description: `comma-separated: ${SEVERITIES.join(", ")}` },
        { name: "condition", in: "query", schema: { type: "string" }, description: `comma-separated: ${ALERT_CONDITIONS.join(", ")}` },
        { name: "applianceId", in: "query", schema: { type: "string", format: "uuid" } },
        { name: "tenant", in: "query", schema: { type: "string" } },
        { name: "q", in: "query", schema: { type: "string" }, description: "appliance name contains" },
        { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 500, default: 100 } },
        { name: "cursor", in: "query", schema: { type: "string" } },
        { name: "sort", in: "query", schema: { enum: ["recent", "severity"], default: "recent" } },
      ],
      responses: { "200": json({ type: "object", properties: { items: { type: "array", items: alert }, nextCursor: { type: ["string", "null"] } } }), ...errors },
    },
  },
  "/api/v1/alerts/{id}": {
    parameters: [uuidParam("alert id")],
    get: { summary: "One alert with its steps and delivery log (viewer)", responses: { "200": json({ ...alert, properties: { ...alert.properties, events: { type: "array" }, deliveries: { type: "array" } } }), ...errors } },
  },
  "/api/v1/alerts/{id}/acknowledge": {
    parameters: [uuidParam("alert id")],
    post: { summary: "Acknowledge (operator); PagerDuty channels that were paged get an acknowledge", responses: { "200": json(alert), ...errors } },
  },
  "/api/v1/channels": {
    get: { summary: "Notification channels, never their secrets (operator: read-only)", responses: { "200": json({ type: "object", properties: { items: { type: "array", items: channel } } }), ...errors } },
    post: {
      summary:
        "Add a channel with its routing rules (admin); a generated webhook signing secret is returned once as signingSecret. " +
        "Unless sendOpenAlerts is false, the open alerts its routes match are queued for it once (one grouped message; PagerDuty one trigger per alert); openAlertsQueued says how many",
      requestBody: { required: true, ...json(jsonSchema(createChannelSchema)) },
      responses: { "201": json(withQueued), ...errors },
    },
  },
  "/api/v1/channels/{id}": {
    parameters: [uuidParam("channel id")],
    get: { summary: "One channel (admin)", responses: { "200": json(channel), ...errors } },
    patch: {
      summary:
        "Change a channel (admin); omitted secrets are kept, given routes replace the old. Changed routes get the open alerts they match that the channel has not had, once, unless sendOpenAlerts is false",
      requestBody: { required: true, ...json(jsonSchema(updateChannelSchema)) },
      responses: { "200": json(withQueued), ...errors },
    },
    delete: { summary: "Remove a channel and its undelivered messages (admin)", responses: { "204": { description: "removed" }, ...errors } },
  },
  "/api/v1/channels/{id}/test": {
    parameters: [uuidParam("channel id")],
    post: { summary: "Send a test message now (admin); ok false says why it failed", responses: { "200": json({ type: "object", properties: { ok: { type: "boolean" }, detail: { type: "string" }, at: { type: "string" } } }), ...errors } },
  },
  "/api/v1/silences": {
    get: {
      summary: "Silences and maintenance windows, current or all of the last 30 days (viewer)",
      parameters: [
        { name: "scope", in: "query", schema: { enum: ["current", "all"], default: "current" } },
        { name: "kind", in: "query", schema: { enum: ["silence", "maintenance"] } },
        { name: "applianceId", in: "query", schema: { type: "string", format: "uuid" } },
      ],
      responses: { "200": json({ type: "object", properties: { items: { type: "array", items: silence } } }), ...errors },
    },
    post: { summary: "Silence, or schedule a maintenance window (operator)", requestBody: { required: true, ...json(jsonSchema(createSilenceSchema)) }, responses: { "201": json(silence), ...errors } },
  },
  "/api/v1/silences/{id}": {
    parameters: [uuidParam("silence id")],
    delete: { summary: "End it now, or cancel a window not started (operator)", responses: { "200": json(silence), ...errors } },
  },
};
