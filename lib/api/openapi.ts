import { answerSchemaOf, errorResponse, errorResponses, jsonContent, requestSchemaOf } from "@/lib/api/openapi-schemas";
import { createApplianceSchema, updateApplianceSchema } from "@/lib/appliances/appliance-schemas";
import { applianceViewSchema } from "@/lib/appliances/appliance-view-schema";
import { alertingOpenApiPaths } from "@/lib/alerts/openapi-paths";
import { collectorApiPaths } from "@/lib/collector-transport/collector-openapi";
import { tokenApiPaths } from "@/lib/tokens/openapi-paths";
import { APPLIANCE_SORTS, BILLING_STATUSES, READINESS_VALUES } from "@/lib/appliances/list-appliances";
import { markAlertKindSchema } from "@/lib/alert-catalog/mark-alert-kind";
import { settingsSchema } from "@/lib/settings/settings-schema";
import { COMPLIANCE_TABLES } from "@/lib/history/compliance-tables";
import { bulkTestRequestSchema } from "@/lib/test-transmissions/request-bulk-test-transmissions";
import { testTransmissionViewSchema } from "@/lib/test-transmissions/test-transmission-view";

// The REST API contract, built from the same zod schemas that validate input and
// (appliances, alerts, silences, test transmissions, errors) type the answers
// (lib/api/openapi-schemas.ts).

/** One way of naming the period (lib/history/compliance-period.ts). */
const COMPLIANCE_PERIOD_PARAMETERS = [
  { name: "month", in: "query", schema: { type: "string", pattern: "^\\d{4}-\\d{2}$" }, description: "a calendar month, UTC, e.g. 2026-10" },
  { name: "billing", in: "query", schema: { type: "string", pattern: "^\\d{4}-\\d{2}$" }, description: "the billing month ending on the 3rd of this month (4th to 3rd), e.g. 2026-11" },
  { name: "from", in: "query", schema: { type: "string", format: "date" }, description: "first day of a custom range (with to; at most 366 days)" },
  { name: "to", in: "query", schema: { type: "string", format: "date" }, description: "last day of a custom range, included" },
  { name: "days", in: "query", schema: { enum: [30, 90, 365] }, description: "the last 30, 90 or 365 days, today included" },
  { name: "appliances", in: "query", schema: { enum: ["attention", "all"], default: "attention" }, description: "the appliance table: those not compliant every day, or all" },
];
/** Response shapes, generated from the schemas whose types the answers are built as. */
const applianceView = answerSchemaOf(applianceViewSchema);

const applianceCheck = {
  type: "object",
  description: "what trying the appliance at once found",
  properties: {
    ok: { type: ["boolean", "null"], description: "true signed in; false failed; null not tried (check false, or a reporting appliance)" },
    message: { type: "string", description: "\"signed in: zvm01, ZVM 10.0 U6, licence Cloud\", or the failure in words with the fix" },
    problem: { type: "string", description: "when ok is false: the failure in a few words (\"credentials rejected\")" },
    peerFingerprint: { type: ["string", "null"], description: "when ok is false: the SHA-256 fingerprint of a certificate this server does not trust" },
    siteName: { type: ["string", "null"] },
    version: { type: ["string", "null"] },
    licenseType: { type: ["string", "null"] },
    authScheme: { type: "string", description: "the sign-in method that worked" },
    fingerprint: { type: ["string", "null"], description: "the certificate it presented" },
    durationMs: { type: "integer" },
  },
};

const alertCatalogItem = {
  type: "object",
  properties: {
    helpIdentifier: { type: ["string", "null"] },
    entity: { type: ["string", "null"] },
    level: { type: ["string", "null"] },
    description: { type: ["string", "null"], description: "a sample: the newest seen" },
    appliances: { type: "integer", description: "appliances raising it at their newest reading" },
    firstSeenAt: { type: "string", format: "date-time" },
    lastSeenAt: { type: "string", format: "date-time" },
    recognisedAs: { enum: ["billing", "disconnection", null] },
  },
};

const testTransmission = answerSchemaOf(testTransmissionViewSchema);

const error = errorResponse();
const unavailable = {
  ...error,
  description: "The database cannot be reached right now (a restart, a failover); retry after the Retry-After header's seconds.",
  headers: { "Retry-After": { schema: { type: "integer" } } },
};
const errors = { ...errorResponses, "503": unavailable };
const idParam = { name: "id", in: "path", required: true, description: "appliance id (or name)", schema: { type: "string" } };

export function buildOpenApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Lifeline API",
      version: "1",
      description:
        "Zerto billing connectivity across the fleet. Authenticate with `Authorization: Bearer <token>` (tokens are created by an admin). Roles: viewer < operator < admin; collector tokens report heartbeats, metrics tokens read /metrics only.",
    },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    security: [{ bearer: [] }],
    paths: {
      "/api/v1/appliances": {
        get: {
          summary: "List appliances (viewer)",
          parameters: [
            { name: "status", in: "query", schema: { type: "string" }, description: `comma-separated: ${BILLING_STATUSES.join(", ")}` },
            { name: "readiness", in: "query", schema: { type: "string" }, description: `comma-separated: ${READINESS_VALUES.join(", ")}` },
            { name: "tenant", in: "query", schema: { type: "string" } },
            { name: "region", in: "query", schema: { type: "string" } },
            { name: "mode", in: "query", schema: { enum: ["polled", "reporting"] } },
            { name: "q", in: "query", schema: { type: "string" }, description: "search name, site, tenant, URL" },
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 500, default: 100 } },
            { name: "cursor", in: "query", schema: { type: "string" }, description: "nextCursor of the previous page" },
            { name: "sort", in: "query", schema: { enum: APPLIANCE_SORTS, default: "name" }, description: "severity = worst first, then fewest days left" },
            { name: "dir", in: "query", schema: { enum: ["asc", "desc"], default: "asc" } },
          ],
          responses: {
            "200": jsonContent({
              type: "object",
              properties: { items: { type: "array", items: applianceView }, nextCursor: { type: ["string", "null"] }, total: { type: "integer" } },
            }),
            ...errors,
          },
        },
        post: {
          summary:
            "Register an appliance (admin). A polled one is tried at once (sign-in, local site and licence, at most 10 s) unless check is false; " +
            "the answer's check says what happened. An untrusted certificate answers 422 certificate_not_trusted with check.peerFingerprint and saves nothing: " +
            "send it again with tlsFingerprintSha256 set to that fingerprint (after comparing it with the ZVM's) or trustOnFirstUse true. " +
            "Any other failure saves the appliance, which goes stale as never reached unless a poll succeeds within the staleness limit.",
          requestBody: {
            required: true,
            ...jsonContent({
              allOf: [
                requestSchemaOf(createApplianceSchema),
                { type: "object", properties: { check: { type: "boolean", default: true, description: "false: add without trying it (bulk imports)" } } },
              ],
            }),
          },
          responses: { "201": jsonContent({ allOf: [applianceView, { type: "object", properties: { check: applianceCheck } }] }), ...errors },
        },
      },
      "/api/v1/appliances/{id}": {
        parameters: [idParam],
        get: { summary: "One appliance (viewer)", responses: { "200": jsonContent(applianceView), ...errors } },
        patch: {
          summary: "Change an appliance (admin); omit password to keep it",
          requestBody: { required: true, ...jsonContent(requestSchemaOf(updateApplianceSchema)) },
          responses: { "200": jsonContent(applianceView), ...errors },
        },
        delete: { summary: "Remove an appliance (admin)", responses: { "204": { description: "removed" }, ...errors } },
      },
      "/api/v1/appliances/{id}/poll": {
        parameters: [idParam],
        post: { summary: "Poll now (operator)", responses: { "202": { description: "due now" }, ...errors } },
      },
      "/api/v1/appliances/{id}/retrust-certificate": {
        parameters: [idParam],
        post: { summary: "Trust the appliance's new TLS certificate on the next poll (admin)", responses: { "200": jsonContent(applianceView), ...errors } },
      },
      "/api/v1/appliances/{id}/capture": {
        parameters: [idParam],
        post: {
          summary: "Read the ZVM once and answer every exchange, credentials redacted: a replayable capture (admin)",
          responses: { "200": jsonContent({ type: "object", properties: { format: { const: "lifeline-zvm-capture/1" }, exchanges: { type: "array" } } }), ...errors },
        },
      },
      "/api/v1/alert-catalog": {
        get: {
          summary: "Every kind of ZVM alert the fleet raised in 30 days and what Lifeline recognises it as (viewer)",
          responses: { "200": jsonContent({ type: "object", properties: { items: { type: "array", items: alertCatalogItem } } }), ...errors },
        },
        patch: {
          summary: "Recognise a help identifier as a billing or disconnection alert, or neither (admin; changes the alert patterns)",
          requestBody: { required: true, ...jsonContent(requestSchemaOf(markAlertKindSchema)) },
          responses: { "200": jsonContent({ type: "object" }), ...errors },
        },
      },
      "/api/v1/appliances/{id}/test-transmissions": {
        parameters: [idParam],
        get: { summary: "Recent test transmissions (viewer)", responses: { "200": jsonContent({ type: "object", properties: { items: { type: "array", items: testTransmission } } }), ...errors } },
        post: {
          summary: "Request a test usage transmission (operator); 200 returns the one already open",
          responses: { "202": jsonContent(testTransmission), "200": jsonContent(testTransmission), ...errors },
        },
      },
      "/api/v1/test-transmissions/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        get: { summary: "A test transmission (viewer)", responses: { "200": jsonContent(testTransmission), ...errors } },
      },
      "/api/v1/test-transmissions/bulk": {
        post: {
          summary: 'Test transmissions for every appliance matching a filter, or for all with {"all": true} (operator)',
          requestBody: { required: true, ...jsonContent(requestSchemaOf(bulkTestRequestSchema)) },
          responses: { "202": jsonContent({ type: "object", properties: { bulkId: { type: "string" }, matched: { type: "integer" }, created: { type: "integer" }, alreadyOpen: { type: "integer" } } }), ...errors },
        },
      },
      "/api/v1/test-transmissions/bulk/{bulkId}": {
        parameters: [{ name: "bulkId", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        get: { summary: "Progress of a bulk request: counts by status, and failures with the ZVM's reason (viewer)", responses: { "200": jsonContent({ type: "object" }), ...errors } },
      },
      "/api/v1/fleet/summary": {
        get: { summary: "Counts by status and readiness; the next disconnect (viewer)", responses: { "200": jsonContent({ type: "object" }), ...errors } },
      },
      "/api/v1/settings": {
        get: { summary: "Settings (viewer)", responses: { "200": jsonContent(requestSchemaOf(settingsSchema)), ...errors } },
        patch: { summary: "Change settings (admin)", requestBody: { required: true, ...jsonContent(requestSchemaOf(settingsSchema.partial())) }, responses: { "200": jsonContent(requestSchemaOf(settingsSchema)), ...errors } },
      },
      "/api/v1/me": { get: { summary: "Who the caller is", responses: { "200": jsonContent({ type: "object" }), ...errors } } },
      "/api/v1/fleet/migration": {
        get: { summary: "Appliances by 9.0 readiness and the billing endpoints to allow; ?format=csv (viewer)", responses: { "200": jsonContent({ type: "object" }), ...errors } },
      },
      "/api/v1/compliance": {
        get: {
          summary: "Production compliance for a period, per day, tenant, region and appliance; without a period, the last full calendar month (viewer)",
          parameters: COMPLIANCE_PERIOD_PARAMETERS,
          responses: { "200": jsonContent({ type: "object" }), ...errors },
        },
      },
      "/api/v1/compliance/export": {
        get: {
          summary: "One compliance table as CSV, the rows the page shows: shares 0-1 (4 decimals), durations in minutes, times ISO 8601 UTC, empty for none; units in the header (viewer)",
          parameters: [{ name: "table", in: "query", required: true, schema: { enum: [...COMPLIANCE_TABLES] } }, ...COMPLIANCE_PERIOD_PARAMETERS],
          responses: { "200": { description: "text/csv" }, ...errors },
        },
      },
      "/api/v1/compliance/billing-day": {
        get: {
          summary: "Before the billing day: appliances at risk (failing, stale, never read, no evidence in 24 h) and those only not proven (no failure reported, no send proven in 24 h); ?format=csv lists both (viewer)",
          responses: { "200": jsonContent({ type: "object" }), ...errors },
        },
      },
      "/api/v1/compliance/billing-day/test-transmissions": {
        post: { summary: "Test every appliance that sends usage without a send proven in 24 h (operator)", responses: { "202": jsonContent({ type: "object" }), ...errors } },
      },
      "/api/v1/events": {
        get: { summary: "Server-sent events: fleet (digest) on every change (viewer)", responses: { "200": { description: "text/event-stream" }, ...errors } },
      },
      ...alertingOpenApiPaths,
      ...collectorApiPaths,
      ...tokenApiPaths,
    },
  };
}
