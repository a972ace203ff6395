import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { toApplianceView } from "@/lib/appliances/appliance-view";
import { applianceViewSchema } from "@/lib/appliances/appliance-view-schema";
import { DEFAULT_BILLING_SETTINGS } from "@/lib/billing";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { answerOf, errorBodySchema } from "@/lib/http/error-answer";
import { testTransmissionViewSchema, toTestTransmissionView } from "@/lib/test-transmissions/test-transmission-view";
import { DAY, NOW, ago, applianceRow, failing } from "../alerts/fixtures";

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
});
