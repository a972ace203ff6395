import { describe, expect, it } from "vitest";
import { alertViewSchema, toAlertView, type AlertRow } from "@/lib/alerts/alert-view";
import { silenceViewSchema, toSilenceView } from "@/lib/alerts/silence-view";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { toApplianceView } from "@/lib/appliances/appliance-view";
import { applianceViewSchema } from "@/lib/appliances/appliance-view-schema";
import { DEFAULT_BILLING_SETTINGS } from "@/lib/billing";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { answerOf, errorBodySchema } from "@/lib/http/error-answer";
import { testTransmissionViewSchema, toTestTransmissionView } from "@/lib/test-transmissions/test-transmission-view";
import { DAY, NOW, ago, applianceRow, failing } from "../alerts/fixtures";

const APPLIANCE_ID = "9b0e7d61-2c4a-4f3b-8e15-a7c9d2f06b38";

describe("the answers match the schemas the OpenAPI document is generated from", () => {
  it.each([
    ["healthy", applianceRow()],
    ["failing, on a pinned certificate that changed", applianceRow({ ...failing(ago(3 * DAY)), tlsFingerprintSha256: "AB:CD", tlsCertificateChangedAt: ago(DAY), tags: ["gold"] })],
    ["never read", applianceRow({ lastDataAt: null, lastPolledAt: null, alertsObservedAt: null, version: null, licenseType: null, clockSkewSeconds: null, vraTotal: null })],
  ])("an appliance view (%s)", (_, row) => {
    const view = toApplianceView(row, DEFAULT_BILLING_SETTINGS, NOW);
    expect(applianceViewSchema.parse(view)).toEqual(view);
  });

  it("a test transmission", () => {
    const view = toTestTransmissionView({
      id: "0b7c3a52-5f7e-4a0e-9d7e-3c1f2a4b5c6d",
      applianceId: "9b0e7d61-2c4a-4f3b-8e15-a7c9d2f06b38",
      bulkId: null,
      status: "passed",
      requestedBy: "user:ann",
      requestedAt: ago(DAY),
      startedAt: ago(DAY),
      finishedAt: NOW,
      detail: "sent",
      leaseOwner: null,
      leaseUntil: null,
    } as Parameters<typeof toTestTransmissionView>[0]);
    expect(testTransmissionViewSchema.parse(view)).toEqual(view);
  });

  const alertRow = (overrides: Partial<AlertRow> = {}): AlertRow => ({
    id: "5d2c1e0f-8a4b-4c3d-9e2f-1a0b9c8d7e6f",
    applianceId: APPLIANCE_ID,
    appliance: { id: APPLIANCE_ID, name: "zvm-ams-01", tenant: "acme", region: "eu-west", vcenter: null, tags: ["gold"] },
    condition: "send-failing",
    dedupKey: `appliance:${APPLIANCE_ID}:send-failing`,
    openKey: `appliance:${APPLIANCE_ID}:send-failing`,
    severity: "critical",
    status: "open",
    step: "started",
    summary: "Usage sends are failing",
    openedAt: ago(DAY),
    lastEventAt: ago(DAY),
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolvedBy: null,
    ...overrides,
  });
  const silenceRow = {
    id: "7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910",
    kind: "silence" as const,
    applianceId: APPLIANCE_ID,
    appliance: { id: APPLIANCE_ID, name: "zvm-ams-01" },
    tag: null,
    condition: "send-failing",
    startsAt: ago(DAY),
    endsAt: ago(-DAY),
    reason: "carrier maintenance",
    createdBy: "user:ann",
    createdAt: ago(DAY),
  };

  it.each([
    ["open and silenced", alertRow(), [silenceRow]],
    ["acknowledged", alertRow({ status: "acknowledged", acknowledgedAt: NOW, acknowledgedBy: "user:ann" }), []],
    ["resolved", alertRow({ status: "resolved", resolvedAt: NOW, resolvedBy: "lifeline", openKey: null }), []],
  ])("an alert view (%s)", (_, row, silences) => {
    const view = toAlertView(row, silences, NOW);
    expect(alertViewSchema.parse(view)).toEqual(view);
  });

  it("a silence view", () => {
    const view = toSilenceView(silenceRow, NOW);
    expect(silenceViewSchema.parse(view)).toEqual(view);
    expect(view.active).toBe(true);
  });

  it.each([new NotFoundError("The appliance"), new ValidationError("name: must not be empty", "name")])("an error answer (%s)", (error) => {
    const { body } = answerOf(error, "req-1");
    expect(errorBodySchema.parse(body)).toEqual(body);
  });

  it("the document's appliance answer is the schema's JSON Schema", () => {
    const document = buildOpenApiDocument();
    const answer = document.paths["/api/v1/appliances/{id}"].get.responses["200"].content["application/json"].schema as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(answer.properties).sort()).toEqual(Object.keys(applianceViewSchema.shape).sort());
    expect(answer.required).toContain("daysUntilDisconnect");
  });

  it.each([
    ["/api/v1/alerts/{id}/acknowledge", "post", alertViewSchema],
    ["/api/v1/silences/{id}", "delete", silenceViewSchema],
  ] as const)("the document's answer of %s is the schema's JSON Schema", (path, method, schema) => {
    const paths = buildOpenApiDocument().paths as unknown as Record<string, Record<string, { responses: Record<string, { content: { "application/json": { schema: { properties: object } } } }> }>>;
    const answer = paths[path][method].responses["200"].content["application/json"].schema;
    expect(Object.keys(answer.properties).sort()).toEqual(Object.keys(schema.shape).sort());
  });

  it("every error answer in the document is the one error body", () => {
    const paths = buildOpenApiDocument().paths as unknown as Record<string, Record<string, { responses?: Record<string, { content?: { "application/json": { schema: { properties: Record<string, unknown> } } } }> }>>;
    const errorBodies = Object.values(paths)
      .flatMap((item) => Object.values(item))
      .flatMap((operation) => Object.entries(operation.responses ?? {}))
      .filter(([status]) => Number(status) >= 400)
      .map(([, response]) => response.content?.["application/json"].schema.properties.error);
    expect(errorBodies.length).toBeGreaterThan(100);
    for (const body of errorBodies) expect(body).toEqual(errorBodies[0]);
    expect(errorBodies[0]).toMatchObject({ required: ["code", "message"] });
  });
});
