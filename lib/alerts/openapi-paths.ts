import { answerSchemaOf, errorResponses, jsonContent, requestSchemaOf } from "@/lib/api/openapi-schemas";
import { createChannelSchema, updateChannelSchema } from "@/lib/channels/channel-schemas";
import { ALERT_CONDITIONS, SEVERITIES } from "./conditions";
import { ALERT_STATUSES } from "./list-alerts";
import { alertViewSchema } from "./alert-view";
import { createSilenceSchema } from "./silence-schemas";
import { silenceViewSchema } from "./silence-view";

// The alerting part of the REST contract (lib/api/openapi.ts spreads it into its paths).

const time = { type: ["string", "null"], format: "date-time" };
const uuidParam = (description: string) => ({ name: "id", in: "path", required: true, description, schema: { type: "string", format: "uuid" } });

const alert = answerSchemaOf(alertViewSchema) as { properties: Record<string, object> };

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

const silence = answerSchemaOf(silenceViewSchema);

/** A channel after a change that may have queued the open alerts for it. */
const withQueued = {
  allOf: [channel, { type: "object", properties: { openAlertsQueued: { type: "integer", description: "open alerts queued for it now, once (send what is open now)" } } }],
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
      responses: { "200": jsonContent({ type: "object", properties: { items: { type: "array", items: alert }, nextCursor: { type: ["string", "null"] } } }), ...errorResponses },
    },
  },
  "/api/v1/alerts/{id}": {
    parameters: [uuidParam("alert id")],
    get: { summary: "One alert with its steps and delivery log (viewer)", responses: { "200": jsonContent({ ...alert, properties: { ...alert.properties, events: { type: "array" }, deliveries: { type: "array" } } }), ...errorResponses } },
  },
  "/api/v1/alerts/{id}/acknowledge": {
    parameters: [uuidParam("alert id")],
    post: { summary: "Acknowledge (operator); PagerDuty channels that were paged get an acknowledge", responses: { "200": jsonContent(alert), ...errorResponses } },
  },
  "/api/v1/channels": {
    get: { summary: "Notification channels, never their secrets (operator: read-only)", responses: { "200": jsonContent({ type: "object", properties: { items: { type: "array", items: channel } } }), ...errorResponses } },
    post: {
      summary:
        "Add a channel with its routing rules (admin); a generated webhook signing secret is returned once as signingSecret. " +
        "Unless sendOpenAlerts is false, the open alerts its routes match are queued for it once (one grouped message; PagerDuty one trigger per alert); openAlertsQueued says how many",
      requestBody: { required: true, ...jsonContent(requestSchemaOf(createChannelSchema)) },
      responses: { "201": jsonContent(withQueued), ...errorResponses },
    },
  },
  "/api/v1/channels/{id}": {
    parameters: [uuidParam("channel id")],
    get: { summary: "One channel (admin)", responses: { "200": jsonContent(channel), ...errorResponses } },
    patch: {
      summary:
        "Change a channel (admin); omitted secrets are kept, given routes replace the old. Changed routes get the open alerts they match that the channel has not had, once, unless sendOpenAlerts is false",
      requestBody: { required: true, ...jsonContent(requestSchemaOf(updateChannelSchema)) },
      responses: { "200": jsonContent(withQueued), ...errorResponses },
    },
    delete: { summary: "Remove a channel and its undelivered messages (admin)", responses: { "204": { description: "removed" }, ...errorResponses } },
  },
  "/api/v1/channels/{id}/test": {
    parameters: [uuidParam("channel id")],
    post: { summary: "Send a test message now (admin); ok false says why it failed", responses: { "200": jsonContent({ type: "object", properties: { ok: { type: "boolean" }, detail: { type: "string" }, at: { type: "string" } } }), ...errorResponses } },
  },
  "/api/v1/silences": {
    get: {
      summary: "Silences and maintenance windows, current or all of the last 30 days (viewer)",
      parameters: [
        { name: "scope", in: "query", schema: { enum: ["current", "all"], default: "current" } },
        { name: "kind", in: "query", schema: { enum: ["silence", "maintenance"] } },
        { name: "applianceId", in: "query", schema: { type: "string", format: "uuid" } },
      ],
      responses: { "200": jsonContent({ type: "object", properties: { items: { type: "array", items: silence } } }), ...errorResponses },
    },
    post: { summary: "Silence, or schedule a maintenance window (operator)", requestBody: { required: true, ...jsonContent(requestSchemaOf(createSilenceSchema)) }, responses: { "201": jsonContent(silence), ...errorResponses } },
  },
  "/api/v1/silences/{id}": {
    parameters: [uuidParam("silence id")],
    delete: { summary: "End it now, or cancel a window not started (operator)", responses: { "200": jsonContent(silence), ...errorResponses } },
  },
};
