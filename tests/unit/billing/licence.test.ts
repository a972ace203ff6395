import { describe, expect, it } from "vitest";
import {
  classifyLicence,
  computeBillingView,
  DEFAULT_BILLING_SETTINGS,
  type BillingEvidence,
  type BillingStatus,
  type LicenceClass,
} from "@/lib/billing";
import { activeAlert, at, evidenceOf, NOW, reasonCodes } from "./fixtures";

describe("classifyLicence", () => {
  it.each<[string | null, LicenceClass]>([
    ["Cloud", "production-cloud"],
    ["cloud", "production-cloud"],
    [" CLOUD ", "production-cloud"],
    ["CloudOneToMany", "production-cloud"],
    ["Cloud One To Many", "production-cloud"],
    ["cloud_one_to_many", "production-cloud"],
    ["Cloud1ToMany", "production-cloud"],
    ["Cloud-One-To-Many", "production-cloud"],
    ["Trial", "trial"],
    ["Evaluation", "trial"],
    ["CloudTrial", "trial"],
    ["NFR", "nfr"],
    ["NotForResale", "nfr"],
    ["Not For Resale", "nfr"],
    ["Cloud NFR", "nfr"],
    ["Enterprise", "other"],
    ["Perpetual", "other"],
    ["CloudEnterprise", "other"],
    ["", "unknown"],
    ["   ", "unknown"],
    [null, "unknown"],
  ])("%j is %s", (licenseType, expected) => {
    expect(classifyLicence(licenseType)).toBe(expected);
  });
});

interface LicenceCase {
  name: string;
  evidence: Partial<BillingEvidence>;
  status: BillingStatus;
  finding: string | null;
  findingSeverity?: string;
  failingSince: Date | null;
  reasons: string[];
}

const staleTest = at("2026-11-08T12:00:00Z");

const cases: LicenceCase[] = [
  {
    name: "production + Cloud: ok, no finding",
    evidence: {},
    status: "ok",
    finding: null,
    failingSince: null,
    reasons: [],
  },
  {
    name: "production + Trial: warning with licence-misfit, not exempt",
    evidence: { licenseType: "Trial" },
    status: "warning",
    finding: "licence-misfit",
    findingSeverity: "warning",
    failingSince: null,
    reasons: ["licence-misfit"],
  },
  {
    name: "production + NFR: warning with licence-misfit",
    evidence: { licenseType: "NotForResale" },
    status: "warning",
    finding: "licence-misfit",
    findingSeverity: "warning",
    failingSince: null,
    reasons: ["licence-misfit"],
  },
  {
    name: "production + NFR with a failed test only: warning, the test says nothing (NFR sends nothing)",
    evidence: { licenseType: "NFR", firstFailureAfterSuccessAt: staleTest },
    status: "warning",
    finding: "licence-misfit",
    failingSince: null,
    reasons: ["licence-misfit"],
  },
  {
    name: "production + NFR with the ZVM's billing alert near its deadline: critical wins over the misfit warning",
    evidence: { licenseType: "NFR", billingAlert: activeAlert(at("2026-10-30T12:00:00Z")) },
    status: "critical",
    finding: "licence-misfit",
    failingSince: at("2026-10-30T12:00:00Z"),
    reasons: ["billing-failing", "licence-misfit"],
  },
  {
    name: "test + NFR: exempt",
    evidence: { role: "test", licenseType: "NFR" },
    status: "exempt",
    finding: null,
    failingSince: null,
    reasons: ["licence-exempt"],
  },
  {
    name: "test + NFR with a failed test: exempt, no countdown",
    evidence: { role: "test", licenseType: "NFR", firstFailureAfterSuccessAt: staleTest },
    status: "exempt",
    finding: null,
    failingSince: null,
    reasons: ["licence-exempt"],
  },
  {
    name: "test + NFR with the ZVM's billing alert active: the ZVM enforces it, so warning",
    evidence: { role: "test", licenseType: "NFR", billingAlert: activeAlert(at("2026-11-05T12:00:00Z")) },
    status: "warning",
    finding: null,
    failingSince: at("2026-11-05T12:00:00Z"),
    reasons: ["billing-failing", "licence-exempt"],
  },
  {
    name: "test + Cloud: a warning-level finding (billed usage), status still from connectivity",
    evidence: { role: "test", licenseType: "Cloud" },
    status: "ok",
    finding: "licence-misfit",
    findingSeverity: "warning",
    failingSince: null,
    reasons: ["licence-misfit"],
  },
  {
    name: "test + CloudOneToMany failing: it must send, so the countdown applies",
    evidence: { role: "test", licenseType: "CloudOneToMany", firstFailureAfterSuccessAt: staleTest },
    status: "warning",
    finding: "licence-misfit",
    failingSince: staleTest,
    reasons: ["billing-failing", "licence-misfit"],
  },
  {
    name: "test + Trial: exempt, with an info finding (trials expire; use NFR)",
    evidence: { role: "test", licenseType: "Trial" },
    status: "exempt",
    finding: "licence-trial-on-test",
    findingSeverity: "info",
    failingSince: null,
    reasons: ["licence-trial-on-test"],
  },
  {
    name: "production + Enterprise (not a CSP licence): exempt",
    evidence: { licenseType: "Enterprise" },
    status: "exempt",
    finding: null,
    failingSince: null,
    reasons: ["licence-exempt"],
  },
  {
    name: "licence not read yet: treated as must-send, a failed test counts",
    evidence: { licenseType: null, firstFailureAfterSuccessAt: staleTest },
    status: "warning",
    finding: null,
    failingSince: staleTest,
    reasons: ["billing-failing", "licence-unknown"],
  },
];

describe("licence fit in the billing view", () => {
  it.each(cases)("$name", ({ evidence, status, finding, findingSeverity, failingSince, reasons }) => {
    const view = computeBillingView(evidenceOf(evidence), DEFAULT_BILLING_SETTINGS, NOW);

    expect(view.billingStatus).toBe(status);
    expect(view.licenceFinding?.code ?? null).toBe(finding);
    if (findingSeverity) expect(view.licenceFinding?.severity).toBe(findingSeverity);
    expect(view.failingSince).toEqual(failingSince);
    expect(reasonCodes(view)).toEqual(reasons);
  });

  it("explains the production misfit in words an operator can act on", () => {
    const view = computeBillingView(evidenceOf({ licenseType: "NFR" }), DEFAULT_BILLING_SETTINGS, NOW);

    expect(view.licenceClass).toBe("nfr");
    expect(view.licenceFinding?.message).toBe(
      "Production appliance carries a Not-For-Resale (NFR) licence: it sends no usage data. Apply the cloud production licence.",
    );
  });
});
